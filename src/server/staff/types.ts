import type { Selectable } from 'kysely';
import type { StaffAvailability, StaffRole } from '../auth/roles';
import type { StaffUsersTable } from './tables';

/**
 * A staff member as every domain sees them: the stored profile (named as the columns), never the
 * password hash, which only src/server/auth reads.
 */
export type StaffMember = Omit<Selectable<StaffUsersTable>, 'password_hash'>;

/** An active staff member as other domains decide on them. */
export interface ActiveStaffMember {
  id: string;
  name: string;
  role: StaffRole;
  availability: StaffAvailability;
  interpreterLanguages: string[];
  languages: string[];
  /** Empty: every topic. */
  topics: string[];
}

/** An available staff member with what routing weighs to offer them a conversation. */
export interface AvailableStaffMember {
  id: string;
  languages: string[];
  /** Empty: every topic. */
  topics: string[];
  maxConcurrent: number;
  availabilityChangedAt: string | null;
  interpreterLanguages: string[];
}

export interface Interpreter {
  id: string;
  name: string;
  interpreterLanguages: string[];
}
