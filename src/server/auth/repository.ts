import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { StaffMember } from '../staff/types';
import type { StaffUsersTable } from '../staff/tables';
import type { SessionStage, SignInFailuresTable } from './tables';

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

  async insertSession(tokenHash: string, userId: string, createdAt: string, expiresAt: string, stage: SessionStage): Promise<void> {
    await this.db
      .insertInto('staff_sessions')
      .values({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt, second_factor: stage })
      .execute();
  }

  /** The session's user and stage, if the session exists, has not expired and the user is active. */
  async findSession(tokenHash: string, now: string): Promise<{ user: StaffMember; stage: SessionStage } | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
      .selectAll('staff_users')
      .select('staff_sessions.second_factor')
      .where('staff_sessions.token_hash', '=', tokenHash)
      .where('staff_sessions.expires_at', '>', now)
      .where('staff_users.active', '=', 1)
      .executeTakeFirst();
    if (!row) return undefined;
    const { second_factor: stage, ...user } = row;
    return { user: toStaffMember(user), stage };
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

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
