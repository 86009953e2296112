import type { ConversationSummary, StaffPresence } from '../../shared/protocol';

/** A waiting conversation is offered to one consultant. */
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

declare module '../events/desk-event' {
  interface DeskEventMap {
    'routing-offer': RoutingOfferEvent;
    'routing-offer-ended': RoutingOfferEndedEvent;
    'staff-presence': StaffPresenceEvent;
  }
}
