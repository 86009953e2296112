/** A ready-made answer a consultant inserts into a conversation; shared by the desk or personal. */
export interface CannedAnswersTable {
  id: string;
  desk_id: string;
  /** The consultant whose personal answer this is; null for the desk's shared set (admins edit it). */
  owner_id: string | null;
  language: string;
  title: string;
  /** May hold the placeholders {visitorName} and {officeHours}, filled in by the console. */
  body: string;
  created_at: string;
  updated_at: string;
}

export interface CannedTables {
  canned_answers: CannedAnswersTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends CannedTables {}
}
