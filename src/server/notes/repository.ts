/** The only place that speaks SQL about internal notes. */
import type { Kysely, Selectable } from 'kysely';
import type { Note } from '../../shared/protocol';
import type { DatabaseSchema } from '../db/schema';
import type { ConversationNotesTable } from './tables';

export class NoteRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(note: Note): Promise<void> {
    await this.db
      .insertInto('conversation_notes')
      .values({
        id: note.id,
        conversation_id: note.conversationId,
        author_id: note.author.id,
        author_name: note.author.name,
        body: note.body,
        created_at: note.createdAt,
      })
      .execute();
  }

  async listForConversation(conversationId: string): Promise<Note[]> {
    const rows = await this.db
      .selectFrom('conversation_notes')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toNote);
  }
}

function toNote(row: Selectable<ConversationNotesTable>): Note {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: { id: row.author_id, name: row.author_name },
    body: row.body,
    createdAt: row.created_at,
  };
}
