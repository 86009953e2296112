import type { ParticipantRole } from '../../shared/protocol';

/** A staff member in a conversation beside its assignee; the row goes when they leave. */
export interface ConversationParticipantsTable {
  conversation_id: string;
  staff_id: string;
  role: ParticipantRole;
  joined_at: string;
}

/** A conversation passed from one consultant to another, with the note only the receiver sees. */
export interface ConversationTransfersTable {
  id: string;
  conversation_id: string;
  from_staff_id: string;
  to_staff_id: string;
  /** Empty when the sender wrote none. */
  note: string;
  created_at: string;
}

export interface ParticipantTables {
  conversation_participants: ConversationParticipantsTable;
  conversation_transfers: ConversationTransfersTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ParticipantTables {}
}
