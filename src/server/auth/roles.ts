import { STAFF_AVAILABILITIES, STAFF_ROLES } from '../../shared/protocol';

export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffAvailability = (typeof STAFF_AVAILABILITIES)[number];

/** Each role includes the powers of the ones before it. */
const RANK: Record<StaffRole, number> = { consultant: 0, supervisor: 1, admin: 2 };

export function hasRole(role: StaffRole, atLeast: StaffRole): boolean {
  return RANK[role] >= RANK[atLeast];
}
