import type { StaffAvailability, StaffRole } from '../auth/roles';

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
  /** Comma-separated topic ids this person handles; empty = every topic. */
  topics: string;
  /** Conversations this person may hold at once (routing respects it). */
  max_concurrent: number;
  availability: StaffAvailability;
  availability_changed_at: string | null;
  /** Comma-separated languages this person interprets (may include `pjm`, Polish Sign Language). */
  interpreter_languages: string;
}

export interface StaffTables {
  staff_users: StaffUsersTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends StaffTables {}
}
