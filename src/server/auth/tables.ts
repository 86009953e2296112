export interface StaffSessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  staff_sessions: StaffSessionsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends AuthTables {}
}
