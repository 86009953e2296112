import { STAFF_ROLES } from '../../shared/protocol';

export type StaffRole = (typeof STAFF_ROLES)[number];
