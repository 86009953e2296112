import type { AUTHOR_KINDS, CLOSE_OUTCOMES, CONVERSATION_STATUSES, ParticipantRole, SYSTEM_EVENTS } from '../../shared/protocol';

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/** A staff member beside the conversation's assignee. */
export interface Participant {
  staff_id: string;
  name: string;
  role: ParticipantRole;
}
