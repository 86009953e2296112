import type { VisitorPresence } from '../../shared/protocol';

/** A desk's thresholds for idle and abandoned conversations, once an admin saved them; until then the defaults. */
export interface InactivitySettingsTable {
  desk_id: string;
  warning_seconds: number;
  end_seconds: number;
  absent_seconds: number;
  updated_at: string;
}

/**
 * What the desk knows of an open conversation's visitor: when a socket of theirs was last seen on
 * any instance (each instance refreshes its own), and which quiet spell they were last asked
 * "are you still there?" about. Deleted with the conversation.
 */
export interface VisitorAttendanceTable {
  conversation_id: string;
  seen_at: string | null;
  /** The last activity time the question was asked about; a new message starts a new spell. */
  warned_idle_since: string | null;
  warned_at: string | null;
  /** As last derived from the visitor's sockets on any instance; a row left "present" by a dead instance goes stale with `seen_at`. */
  presence: VisitorPresence | null;
}

export interface InactivityTables {
  inactivity_settings: InactivitySettingsTable;
  visitor_attendance: VisitorAttendanceTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends InactivityTables {}
}
