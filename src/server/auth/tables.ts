export interface StaffSessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/**
 * Failed sign-ins per account since its last good one, shared by every instance. Keyed by the
 * SHA-256 of the e-mail tried, known or not, so a lock says nothing about who has an account.
 */
export interface SignInFailuresTable {
  account_key: string;
  failures: number;
  last_failed_at: string;
  /** No sign-in to this account, right password or not, before this time. */
  locked_until: string | null;
}

export interface AuthTables {
  staff_sessions: StaffSessionsTable;
  sign_in_failures: SignInFailuresTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends AuthTables {}
}
