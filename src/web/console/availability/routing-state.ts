/**
 * What the console knows of routing, from server frames alone: this consultant's availability,
 * colleagues' availability, and the conversations offered to them (src/server/routing).
 */
import type { ConversationSummary, ServerFrame, StaffAvailability, StaffPresence } from '../../../shared/protocol';

export interface Offer {
  conversation: ConversationSummary;
  expiresAt: string;
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

export function routingReducer(state: RoutingState, frame: ServerFrame): RoutingState {
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
      const offer = { conversation: frame.conversation, expiresAt: frame.expiresAt };
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

function upsert(colleagues: StaffPresence[], changed: StaffPresence): StaffPresence[] {
  const others = colleagues.filter((staff) => staff.id !== changed.id);
  return [...others, changed].sort((a, b) => a.name.localeCompare(b.name));
}

function withoutOffer(offers: Offer[], conversationId: string): Offer[] {
  return offers.filter((offer) => offer.conversation.id !== conversationId);
}
