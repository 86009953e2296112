/** The only place that speaks SQL about internal notes. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { ConversationNotesTable } from './tables';

export type NoteRow = Selectable<ConversationNotesTable>;

export class NoteRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: NoteRow): Promise<void> {
    await this.db.insertInto('conversation_notes').values(row).execute();
  }

  listForConversation(conversationId: string): Promise<NoteRow[]> {
    return this.db
      .selectFrom('conversation_notes')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
