import type { ConversationSummary, Message, VisitorConversation } from '../../shared/protocol';

export interface MessageEvent {
  kind: 'message';
  deskId: string;
  conversationId: string;
  assigneeId: string | null;
  /** Staff who joined beside the assignee (src/server/participants); they receive it too. */
  participantIds: string[];
  message: Message;
  /** The socket that sent it: its ack carried the seq, so the message is not sent back to it. */
  origin?: string;
}

export interface ConversationChangedEvent {
  kind: 'conversation';
  deskId: string;
  summary: ConversationSummary;
  visitorView: VisitorConversation;
}

/** The conversation went on with a new visitor key; sockets opened with an older one are ended. */
export interface VisitorMovedEvent {
  kind: 'visitor-moved';
  deskId: string;
  conversationId: string;
  /** SHA-256 of the new key: its sockets (perhaps already connected elsewhere) stay. */
  keptTokenHash: string;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    message: MessageEvent;
    conversation: ConversationChangedEvent;
    'visitor-moved': VisitorMovedEvent;
  }
}
