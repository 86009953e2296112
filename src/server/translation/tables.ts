/** The translation domain's tables, merged into DatabaseSchema. */

/** One row per translated message: deleted with the message (and so with its conversation, by retention). */
export interface MessageTranslationsTable {
  conversation_id: string;
  seq: number;
  status: 'translated' | 'unavailable';
  source_language: string;
  target_language: string;
  /** Null while the translation is unavailable. */
  text: string | null;
  updated_at: string;
}

/** A conversation the consultant (or the desk's default) set: translated into `staff_language`, or off (null). */
export interface ConversationTranslationsTable {
  conversation_id: string;
  staff_language: string | null;
  updated_at: string;
}

export interface TranslationTables {
  message_translations: MessageTranslationsTable;
  conversation_translations: ConversationTranslationsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends TranslationTables {}
}
