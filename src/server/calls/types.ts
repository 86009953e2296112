import type { Selectable } from 'kysely';
import type { CallMembersTable, CallsTable } from './tables';

/** A call as the calls domain keeps it: its state, outcome and times (fields named as the columns). */
export type StoredCall = Selectable<CallsTable>;

/** Someone in a call or invited into it: `peer` is `visitor` or a staff member's id. */
export type CallMember = Selectable<CallMembersTable>;
