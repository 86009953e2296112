import type { Selectable } from 'kysely';
import type { RoutingOffersTable } from './tables';

/** A waiting conversation offered to one consultant until it expires (fields named as the columns). */
export type RoutingOffer = Selectable<RoutingOffersTable>;

/** A conversation in the queue, with what decides its place. */
export interface WaitingConversation {
  id: string;
  language: string;
  spoken_language: string | null;
  topic: string;
  waiting_since: string | null;
  created_at: string;
}
