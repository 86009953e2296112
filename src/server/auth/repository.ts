import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { StaffMember } from '../staff/types';
import type { StaffUsersTable } from '../staff/tables';
import type { SessionStage, SignInFailuresTable, StaffSessionsTable } from './tables';

/** A session as the service judges it: its user and stage, and when it was last used and proved. */
export interface StoredSession {
  user: StaffMember;
  stage: SessionStage;
  lastSeenAt: string;
  provedAt: string;
}

/** A staff member with the password hash they sign in with: read here, and never handed further. */
export interface StaffCredentials {
  member: StaffMember;
  passwordHash: string;
}

/** A staff_users row as the staff member it describes: everything but the password hash. */
export function toStaffMember({ password_hash: _passwordHash, ...member }: Selectable<StaffUsersTable>): StaffMember {
  return member;
}

export class AuthRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findCredentials(email: string): Promise<StaffCredentials | undefined> {
    const row = await this.db.selectFrom('staff_users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && { member: toStaffMember(row), passwordHash: row.password_hash };
  }

  async findPasswordHash(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('staff_users').select('password_hash').where('id', '=', userId).executeTakeFirst();
    return row?.password_hash;
  }

  async findUserById(id: string): Promise<StaffMember | undefined> {
    const row = await this.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStaffMember(row);
  }

  async insertUser(user: Insertable<StaffUsersTable>): Promise<void> {
    await this.db.insertInto('staff_users').values(user).execute();
  }

  /** Changes the password and ends every session of the user, in one transaction. */
  async replacePassword(userId: string, passwordHash: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_users')
        .set({ password_hash: passwordHash, password_changed_at: at })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
    });
  }

  async insertSession(session: Insertable<StaffSessionsTable>): Promise<void> {
    await this.db.insertInto('staff_sessions').values(session).execute();
  }

  /** The session and its user, if it has not expired and the user is active; idle or not is the service's call. */
  async findSession(tokenHash: string, now: string): Promise<StoredSession | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
      .selectAll('staff_users')
      .select('staff_sessions.second_factor')
      // A row written by an instance not yet upgraded has neither: it counts from its sign-in.
      .select(sql<string>`coalesce(staff_sessions.last_seen_at, staff_sessions.created_at)`.as('last_seen_at'))
      .select(sql<string>`coalesce(staff_sessions.proved_at, staff_sessions.created_at)`.as('proved_at'))
      .where('staff_sessions.token_hash', '=', tokenHash)
      .where('staff_sessions.expires_at', '>', now)
      .where('staff_users.active', '=', 1)
      .executeTakeFirst();
    if (!row) return undefined;
    const { second_factor: stage, last_seen_at: lastSeenAt, proved_at: provedAt, ...user } = row;
    return { user: toStaffMember(user), stage, lastSeenAt, provedAt };
  }

  /** Records a use, unless one after `unlessAfter` was recorded already (by this instance or another). */
  async touchSession(tokenHash: string, at: string, unlessAfter: string): Promise<void> {
    await this.db.updateTable('staff_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash)
      .where((eb) => eb.or([eb('last_seen_at', '<=', unlessAfter), eb('last_seen_at', 'is', null)]))
      .execute();
  }

  async setProvedAt(tokenHash: string, at: string): Promise<void> {
    await this.db.updateTable('staff_sessions').set({ proved_at: at, last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  /** The user's finished sign-ins still running, newest use first. */
  async listSessions(userId: string, now: string, idleBefore: string): Promise<Selectable<StaffSessionsTable>[]> {
    return this.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('second_factor', '=', 'done')
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleBefore)
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Deletes the user's session with this id; the token hash of what was deleted, for the sockets to close. */
  async deleteSessionById(userId: string, id: string): Promise<string | undefined> {
    const row = await this.db.deleteFrom('staff_sessions').where('user_id', '=', userId).where('id', '=', id).returning('token_hash').executeTakeFirst();
    return row?.token_hash;
  }

  /** Deletes every session of the user but the one kept; the token hashes of those deleted. */
  async deleteOtherSessions(userId: string, keptTokenHash: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('staff_sessions').where('user_id', '=', userId).where('token_hash', '!=', keptTokenHash).returning('token_hash').execute();
    return rows.map((row) => row.token_hash);
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Idle sessions stay until they expire, so their next request can still be told why it is refused. */
  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
  }

  async findSignInFailures(accountKey: string): Promise<Selectable<SignInFailuresTable> | undefined> {
    return this.db.selectFrom('sign_in_failures').selectAll().where('account_key', '=', accountKey).executeTakeFirst();
  }

  /**
   * Counts one failure in one statement, so simultaneous failures on several instances all count;
   * failures before `forgetBefore` start the count again. Returns the count now.
   */
  async countSignInFailure(accountKey: string, at: string, forgetBefore: string): Promise<number> {
    const row = await this.db
      .insertInto('sign_in_failures')
      .values({ account_key: accountKey, failures: 1, last_failed_at: at, locked_until: null })
      .onConflict((oc) =>
        oc.column('account_key').doUpdateSet({
          failures: sql<number>`case when sign_in_failures.last_failed_at < ${forgetBefore} then 1 else sign_in_failures.failures + 1 end`,
          last_failed_at: at,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  }

  async lockSignIn(accountKey: string, until: string): Promise<void> {
    await this.db.updateTable('sign_in_failures').set({ locked_until: until }).where('account_key', '=', accountKey).execute();
  }

  /** Forgets the account's failures after a good sign-in; returns what they were. */
  async takeSignInFailures(accountKey: string): Promise<Selectable<SignInFailuresTable> | undefined> {
    return this.db.deleteFrom('sign_in_failures').where('account_key', '=', accountKey).returningAll().executeTakeFirst();
  }
}
