import type { Call, CallPeer, CallSignal } from '../../shared/protocol';

/** A call changed: to the conversation's visitor and the named staff. */
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
  fromJoins: number;
  to: CallPeer;
  toJoins: number;
  signal: CallSignal;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    call: CallEvent;
    'call-signal': CallSignalEvent;
  }
}
