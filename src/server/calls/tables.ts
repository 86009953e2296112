import type { Generated } from 'kysely';
import type { CallEndReason, CallKind, CallMemberRole, CallOutcome, CallState } from '../../shared/protocol';

export interface CallsTable {
  id: string;
  desk_id: string;
  conversation_id: string;
  kind: CallKind;
  /** `visitor`, or the staff member's id. */
  started_by: string;
  started_by_name: string | null;
  state: CallState;
  /** Set when the call ends: answered (someone picked up), declined or missed. */
  outcome: CallOutcome | null;
  end_reason: CallEndReason | null;
  started_at: string;
  /** A ringing call not answered by then is missed (the sweep ends it). */
  ring_until: string;
  answered_at: string | null;
  ended_at: string | null;
}

/** Who is in a call: `peer` is `visitor` or a staff member's id, the address signalling uses. */
export interface CallMembersTable {
  call_id: string;
  peer: string;
  name: string | null;
  role: CallMemberRole;
  /** Set for an interpreter invited into the call, until they join. */
  invited_at: string | null;
  joined_at: string | null;
  left_at: string | null;
  /** How many times the member has joined: a page reloaded during the call joins again and takes over. */
  joins: Generated<number>;
}

/** The office's call settings per desk, once an admin saved them; until then the configuration's. */
export interface CallSettingsTable {
  desk_id: string;
  /** 1: a visitor may start a call; 0: they may only ask for one. */
  visitor_may_start: number;
  updated_at: string;
}

export interface CallTables {
  calls: CallsTable;
  call_members: CallMembersTable;
  call_settings: CallSettingsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends CallTables {}
}
