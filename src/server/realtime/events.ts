/**
 * Domain events that cross instances. A service records an event once; the hub on every instance
 * decides which of its sockets receive it (see hub.ts). Events carry what a recipient filter needs
 * (desk, conversation, assignee), never more personal data than the frames themselves.
 */
import type { Call, CallPeer, CallSignal, ConversationSummary, Message, Note, StaffPresence, TransferNote, VisitorConversation } from '../../shared/protocol';

export interface MessageEvent {
  kind: 'message';
  deskId: string;
  conversationId: string;
  assigneeId: string | null;
  /** Staff who joined beside the assignee (src/server/participants); they receive it too. */
  participantIds: string[];
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

/** An internal note: only ever to staff, never to a visitor (src/server/notes). */
export interface NoteEvent {
  kind: 'note';
  deskId: string;
  /** The staff members who follow the conversation live (its assignee, the note's author). */
  staffIds: string[];
  note: Note;
}

/** Someone started or stopped typing; ephemeral, never stored (src/server/signals). */
export interface TypingEvent {
  kind: 'typing';
  deskId: string;
  conversationId: string;
  author: 'visitor' | 'staff';
  /** Who hears about a visitor's typing: the assignee and participants (empty for staff typing). */
  staffIds: string[];
  active: boolean;
}

/** Staff have read the conversation up to `seq`: the visitor's read receipts. */
export interface ReadEvent {
  kind: 'read';
  conversationId: string;
  seq: number;
}

/** A transfer note, to the one consultant the conversation was handed to (src/server/participants). */
export interface TransferNoteEvent {
  kind: 'transfer-note';
  deskId: string;
  recipientId: string;
  note: TransferNote;
}

/** A waiting conversation is offered to one consultant (src/server/routing). */
export interface RoutingOfferEvent {
  kind: 'routing-offer';
  deskId: string;
  staffId: string;
  conversation: ConversationSummary;
  expiresAt: string;
}

/** That consultant's offer is over (expired, declined, or the conversation left the queue). */
export interface RoutingOfferEndedEvent {
  kind: 'routing-offer-ended';
  deskId: string;
  staffId: string;
  conversationId: string;
}

/** A staff member's availability changed; colleagues see it. */
export interface StaffPresenceEvent {
  kind: 'staff-presence';
  deskId: string;
  staff: StaffPresence;
}

/** A call changed (src/server/calls): to the conversation's visitor and the named staff. */
export interface CallEvent {
  kind: 'call';
  deskId: string;
  conversationId: string;
  /** The conversation's assignee and participants, and anyone invited into the call. */
  staffIds: string[];
  call: Call;
}

/** Signalling for one side of a call, checked against the stored call before it was published. */
export interface CallSignalEvent {
  kind: 'call-signal';
  deskId: string;
  conversationId: string;
  callId: string;
  from: CallPeer;
  to: CallPeer;
  signal: CallSignal;
}

export type DeskEvent =
  | CallEvent
  | CallSignalEvent
  | RoutingOfferEvent
  | RoutingOfferEndedEvent
  | StaffPresenceEvent
  | TransferNoteEvent
  | MessageEvent
  | ConversationChangedEvent
  | SessionsEndedEvent
  | ResyncEvent
  | NoteEvent
  | TypingEvent
  | ReadEvent;
