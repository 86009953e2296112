/**
 * What the console knows of routing, from server frames alone: this consultant's availability,
 * colleagues' availability, and the conversations offered to them (src/server/routing), each with
 * its deadline on the browser's monotonic clock.
 */
import type { ConversationSummary, ServerFrame, StaffAvailability, StaffPresence } from '../../../shared/protocol';

export interface Offer {
  conversation: ConversationSummary;
  expiresAt: string;
  /**
   * When the offer ends on the clock the console counts with (`performance.now()` in the browser):
   * the time the server gave it from when it was sent, counted from when it arrived.
   */
  deadline: number;
}

export interface RoutingState {
  myId: string | null;
  availability: StaffAvailability | null;
  colleagues: StaffPresence[];
  offers: Offer[];
  /** The newest offer, to be announced once. */
  latestOffer: Offer | null;
}

export const initialRoutingState: RoutingState = { myId: null, availability: null, colleagues: [], offers: [], latestOffer: null };

/** `receivedAt`: when the frame arrived, on the clock offers' deadlines are counted on. */
export function routingReducer(state: RoutingState, frame: ServerFrame, receivedAt: number): RoutingState {
  switch (frame.type) {
    case 'welcome.staff':
      // Pending offers follow the welcome again.
      return { ...state, myId: frame.user.id, availability: frame.user.availability, offers: [] };
    case 'staff.presence.list':
      return { ...state, colleagues: frame.staff.filter((staff) => staff.id !== state.myId) };
    case 'staff.presence':
      if (frame.staff.id === state.myId) return { ...state, availability: frame.staff.availability };
      return { ...state, colleagues: upsert(state.colleagues, frame.staff) };
    case 'routing.offer': {
      const deadline = receivedAt + Date.parse(frame.expiresAt) - Date.parse(frame.sentAt);
      const offer = { conversation: frame.conversation, expiresAt: frame.expiresAt, deadline };
      return { ...state, offers: [...withoutOffer(state.offers, frame.conversation.id), offer], latestOffer: offer };
    }
    case 'routing.offer.ended':
      return { ...state, offers: withoutOffer(state.offers, frame.conversationId) };
    case 'conversation.updated':
      return frame.conversation.status === 'waiting' ? state : { ...state, offers: withoutOffer(state.offers, frame.conversation.id) };
    default:
      return state;
  }
}

/** A conversation in the console's one waiting list, with its offer to this consultant if there is one. */
export interface QueueEntry {
  conversation: ConversationSummary;
  offer: Offer | null;
}

/**
 * The waiting queue in its order (whoever has waited longest first), each offer to this consultant
 * on its conversation's item: each conversation once, so an offer is not shown twice. An offer whose
 * conversation the queue does not hold yet comes last.
 */
export function withOffers(waiting: readonly ConversationSummary[], offers: readonly Offer[]): QueueEntry[] {
  const offerFor = new Map(offers.map((offer) => [offer.conversation.id, offer]));
  const listed = new Set(waiting.map((conversation) => conversation.id));
  return [
    ...waiting.map((conversation) => ({ conversation, offer: offerFor.get(conversation.id) ?? null })),
    ...offers.filter((offer) => !listed.has(offer.conversation.id)).map((offer) => ({ conversation: offer.conversation, offer })),
  ];
}

/** The clock offers' deadlines are counted on: monotonic, so changing the computer's time does not move them. */
export const pageClock = (): number => performance.now();

/** Whole seconds left to accept at `now` (same clock as the deadline), counted down from the deadline, never below 0. */
export function secondsLeft(offer: Offer, now: number): number {
  return Math.max(0, Math.ceil((offer.deadline - now) / 1000));
}

function upsert(colleagues: StaffPresence[], changed: StaffPresence): StaffPresence[] {
  const others = colleagues.filter((staff) => staff.id !== changed.id);
  return [...others, changed].sort((a, b) => a.name.localeCompare(b.name));
}

function withoutOffer(offers: Offer[], conversationId: string): Offer[] {
  return offers.filter((offer) => offer.conversation.id !== conversationId);
}
