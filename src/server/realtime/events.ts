/**
 * Domain events that cross instances. A service records an event once; the hub on every instance
 * decides which of its sockets receive it (see hub.ts). Events carry what a recipient filter needs
 * (desk, conversation, assignee), never more personal data than the frames themselves.
 */
import type { ConversationSummary, Message, VisitorConversation } from '../../shared/protocol';

export interface MessageEvent {
  kind: 'message';
  deskId: string;
  conversationId: string;
  assigneeId: string | null;
  message: Message;
}

export interface ConversationChangedEvent {
  kind: 'conversation';
  deskId: string;
  summary: ConversationSummary;
  visitorView: VisitorConversation;
}

/** Staff sessions ended (sign-out: one session; password change: all of the user's). */
export interface SessionsEndedEvent {
  kind: 'sessions-ended';
  userId: string;
  /** The one session that ended, or null for every session of the user. */
  sessionHash: string | null;
}

/** Live events may have been lost: every client should resume from its last sequence number. */
export interface ResyncEvent {
  kind: 'resync';
}

export type DeskEvent = MessageEvent | ConversationChangedEvent | SessionsEndedEvent | ResyncEvent;
