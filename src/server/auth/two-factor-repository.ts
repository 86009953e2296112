import { sql, type Kysely, type Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { StaffPasskeysTable, WebauthnChallengesTable } from './tables';

export interface StoredPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

function toPasskey(row: Selectable<StaffPasskeysTable>): StoredPasskey {
  return {
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports.split(',').filter(Boolean),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** The second-factor tables of auth/tables.ts, and the stage of a session. */
export class TwoFactorRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findTotp(userId: string) {
    return this.db.selectFrom('staff_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** A new, unconfirmed secret; refused (false) while a confirmed one exists. */
  async putPendingTotp(userId: string, secretSealed: string): Promise<boolean> {
    const result = await this.db
      .insertInto('staff_totp')
      .values({ user_id: userId, secret_sealed: secretSealed, confirmed_at: null, last_step: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_sealed: secretSealed, last_step: null }).where('staff_totp.confirmed_at', 'is', null))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Takes the code of `step`: only if no code of this or a later step was taken, in one statement so
   * two instances cannot both take it. Confirms the secret with the first one.
   */
  async takeTotpStep(userId: string, step: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('staff_totp')
      .set({ last_step: step, confirmed_at: sql<string>`coalesce(confirmed_at, ${at})` })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('staff_recovery_codes')
        .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
        .execute();
    });
  }

  async countRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('staff_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Uses the code once: a conditional update, so a second use on any instance finds nothing. */
  async useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('staff_recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listPasskeys(userId: string): Promise<StoredPasskey[]> {
    const rows = await this.db.selectFrom('staff_passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map(toPasskey);
  }

  async findPasskey(userId: string, credentialId: string): Promise<StoredPasskey | undefined> {
    const row = await this.db
      .selectFrom('staff_passkeys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row && toPasskey(row);
  }

  /** False when a passkey of this credential id is stored already (of this user or another). */
  async insertPasskey(userId: string, passkey: StoredPasskey): Promise<boolean> {
    const result = await this.db
      .insertInto('staff_passkeys')
      .values({
        credential_id: passkey.credentialId,
        user_id: userId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports.join(','),
        created_at: passkey.createdAt,
        last_used_at: null,
      })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async passkeyUsed(credentialId: string, counter: number, at: string): Promise<void> {
    await this.db.updateTable('staff_passkeys').set({ counter, last_used_at: at }).where('credential_id', '=', credentialId).execute();
  }

  async putChallenge(challenge: Selectable<WebauthnChallengesTable>, now: string): Promise<void> {
    await this.db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
    await this.db
      .insertInto('webauthn_challenges')
      .values(challenge)
      .onConflict((oc) => oc.columns(['session_hash', 'purpose']).doUpdateSet({ challenge: challenge.challenge, expires_at: challenge.expires_at }))
      .execute();
  }

  /** The challenge, once: deleted as it is read, so an answer cannot be replayed on another instance. */
  async takeChallenge(sessionHash: string, purpose: WebauthnChallengesTable['purpose'], now: string): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom('webauthn_challenges')
      .where('session_hash', '=', sessionHash)
      .where('purpose', '=', purpose)
      .returning(['challenge', 'expires_at'])
      .executeTakeFirst();
    return row && row.expires_at > now ? row.challenge : undefined;
  }

  /** Forgets every second factor of the user and ends their sessions, in one transaction. */
  async resetUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('staff_totp').where('user_id', '=', userId).execute();
      await trx.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('staff_passkeys').where('user_id', '=', userId).execute();
      await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
    });
  }

  async consultantsRequired(deskId: string): Promise<boolean> {
    const row = await this.db.selectFrom('two_factor_policy').select('consultants_required').where('desk_id', '=', deskId).executeTakeFirst();
    return row?.consultants_required === 1;
  }

  async setConsultantsRequired(deskId: string, required: boolean): Promise<void> {
    const value = required ? 1 : 0;
    await this.db
      .insertInto('two_factor_policy')
      .values({ desk_id: deskId, consultants_required: value })
      .onConflict((oc) => oc.column('desk_id').doUpdateSet({ consultants_required: value }))
      .execute();
  }
}
