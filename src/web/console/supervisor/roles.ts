import type { StaffUser } from '../../../shared/protocol';

/** Supervisors and admins see the supervision view; the server checks the role on every request. */
export function canSupervise(user: StaffUser): boolean {
  return user.role === 'supervisor' || user.role === 'admin';
}
