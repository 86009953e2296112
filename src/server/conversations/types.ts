import type { AUTHOR_KINDS, CLOSE_OUTCOMES, CONVERSATION_STATUSES, SYSTEM_EVENTS } from '../../shared/protocol';

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];
