/**
 * Internal notes: written by staff for staff inside a conversation. Kept in their own table, never
 * among the messages, so nothing that reads messages for a visitor (live frames, the reconnect
 * backlog, the transcript) can carry one.
 */
export interface ConversationNotesTable {
  id: string;
  conversation_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

export interface NoteTables {
  conversation_notes: ConversationNotesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends NoteTables {}
}
