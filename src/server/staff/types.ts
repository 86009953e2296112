import type { Selectable } from 'kysely';
import type { StaffUsersTable } from '../auth/tables';

/**
 * A staff member as every domain sees them: the stored profile (named as the columns), never the
 * password hash, which only src/server/auth reads.
 */
export type StaffMember = Omit<Selectable<StaffUsersTable>, 'password_hash'>;
