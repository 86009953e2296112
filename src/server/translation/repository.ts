/** The only place that speaks SQL about translations. */
import type { Kysely } from 'kysely';
import type { MessageTranslation } from '../../shared/protocol';
import type { Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { MessageTranslationsTable } from './tables';

export class TranslationRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The consultant's language of a conversation: a string (on), null (turned off), undefined (never set). */
  async staffLanguage(conversationId: string): Promise<string | null | undefined> {
    const row = await this.db.selectFrom('conversation_translations').select('staff_language').where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? row.staff_language : undefined;
  }

  async setStaffLanguage(conversationId: string, staffLanguage: string | null, at: string): Promise<void> {
    await this.db
      .insertInto('conversation_translations')
      .values({ conversation_id: conversationId, staff_language: staffLanguage, updated_at: at })
      .onConflict((c) => c.column('conversation_id').doUpdateSet({ staff_language: staffLanguage, updated_at: at }))
      .execute();
  }

  /**
   * Stores what became of a message's translation. An `unavailable` never replaces a translation
   * that is already there (a late failure after a late success changes nothing); returns whether
   * the row changed, so only a change is announced.
   */
  async store(conversationId: string, seq: number, translation: MessageTranslation, at: string): Promise<boolean> {
    const values = {
      status: translation.status,
      source_language: translation.from,
      target_language: translation.to,
      text: translation.text,
      updated_at: at,
    };
    const result = await this.db
      .insertInto('message_translations')
      .values({ conversation_id: conversationId, seq, ...values })
      .onConflict((c) => {
        const update = c.columns(['conversation_id', 'seq']).doUpdateSet(values);
        return translation.status === 'unavailable' ? update.where('message_translations.status', '=', 'unavailable') : update;
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async after(conversationId: string, afterSeq: number): Promise<Map<number, MessageTranslation>> {
    const rows = await this.db
      .selectFrom('message_translations')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .execute();
    return new Map(rows.map((row) => [Number(row.seq), toTranslation(row)]));
  }
}

function toTranslation(row: Selectable<MessageTranslationsTable>): MessageTranslation {
  return { status: row.status, from: row.source_language, to: row.target_language, text: row.text };
}
