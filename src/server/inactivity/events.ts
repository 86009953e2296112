import type { VisitorPresence } from '../../shared/protocol';

/** A conversation's visitor came, looked away or left; every instance tells its staff sockets. */
export interface VisitorPresenceEvent {
  kind: 'visitor-presence';
  deskId: string;
  conversationId: string;
  presence: VisitorPresence;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    'visitor-presence': VisitorPresenceEvent;
  }
}
