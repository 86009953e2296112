/**
 * Visitor ratings. The rating itself goes to the aggregate store (src/server/reports); here only
 * what makes "once per conversation" hold, and the optional comments — kept apart from any
 * conversation, visitor or consultant, so nobody can trace a comment back to a person.
 */
export interface SatisfactionResponsesTable {
  /** The conversation or left message rated: a random id, the primary key that refuses a second rating. */
  subject_id: string;
  desk_id: string;
  created_at: string;
}

export interface SatisfactionCommentsTable {
  id: string;
  desk_id: string;
  created_at: string;
  language: string;
  channel: string;
  rating: number;
  comment: string;
}

export interface SatisfactionTables {
  satisfaction_responses: SatisfactionResponsesTable;
  satisfaction_comments: SatisfactionCommentsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends SatisfactionTables {}
}
