/** The only SQL of handoff: a conversation's case code, replaced on request and used once. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { CaseCodesTable } from './tables';

export class HandoffRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Stores the conversation's code, replacing the one before (which stops working). */
  async issue(row: CaseCodesTable): Promise<void> {
    await this.db
      .insertInto('case_codes')
      .values(row)
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ code_hash: row.code_hash, secret_hash: row.secret_hash, issued_at: row.issued_at }))
      .execute();
  }

  /**
   * Deletes the code whose code (or link secret) hashes to this, and names its conversation: of
   * simultaneous claims on any instances exactly one deletes the row.
   */
  async consume(by: 'code_hash' | 'secret_hash', hash: string): Promise<string | undefined> {
    const used = await this.db.deleteFrom('case_codes').where(by, '=', hash).returning('conversation_id').executeTakeFirst();
    return used?.conversation_id;
  }
}
