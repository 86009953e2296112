import type { StaffRole } from './roles';

export interface StaffUsersTable {
  id: string;
  desk_id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: StaffRole;
  /** Comma-separated language codes. */
  languages: string;
  password_hash: string;
  /** 1 active, 0 deactivated (an integer on both engines). */
  active: number;
  created_at: string;
  password_changed_at: string;
}

export interface StaffSessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
}
