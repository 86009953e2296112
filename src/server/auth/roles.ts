import { STAFF_ROLES } from '../../shared/protocol';

export type StaffRole = (typeof STAFF_ROLES)[number];

const RANK: Record<StaffRole, number> = { consultant: 1, supervisor: 2, admin: 3 };

/** Roles are ordered: a supervisor may do what a consultant may, an admin what a supervisor may. */
export function hasRole(actual: StaffRole, required: StaffRole): boolean {
  return RANK[actual] >= RANK[required];
}
