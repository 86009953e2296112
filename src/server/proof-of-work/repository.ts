/** The only place that speaks SQL about the proof of work's key and spent solutions. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';

export class ProofOfWorkRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The stored key, storing `candidate` if there is none yet: whichever instance is first, all read the same one. */
  async sharedKey(candidate: string, now: string): Promise<string> {
    await this.db
      .insertInto('pow_keys')
      .values({ name: 'hmac', value: candidate, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('pow_keys').select('value').where('name', '=', 'hmac').executeTakeFirstOrThrow();
    return row.value;
  }

  /** Takes a challenge's solution: true the first time, on any instance (the primary key decides), false after. */
  async spend(signature: string, expiresAt: string, now: string): Promise<boolean> {
    await this.db.deleteFrom('pow_spent').where('expires_at', '<', now).execute();
    const result = await this.db
      .insertInto('pow_spent')
      .values({ signature, expires_at: expiresAt })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
