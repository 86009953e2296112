import type { RoutingMode } from '../../shared/protocol';

/** A desk's routing settings, once an admin saved them; until then config gives the defaults. */
export interface RoutingSettingsTable {
  desk_id: string;
  mode: RoutingMode;
  offer_timeout_seconds: number;
  disconnect_grace_seconds: number;
  updated_at: string;
}

/** The one live offer of a waiting conversation; its primary key makes it one across instances. */
export interface RoutingOffersTable {
  conversation_id: string;
  desk_id: string;
  staff_id: string;
  offered_at: string;
  expires_at: string;
}

/** Who let an offer of a conversation expire or declined it: the next offer goes to someone else. */
export interface RoutingOfferMissesTable {
  conversation_id: string;
  staff_id: string;
  missed_at: string;
}

/**
 * One row per staff WebSocket on any instance. The instance holding the socket refreshes `seen_at`;
 * a row not refreshed for a while (its instance died) no longer counts as a connection.
 */
export interface StaffConnectionsTable {
  id: string;
  desk_id: string;
  staff_id: string;
  instance_id: string;
  connected_at: string;
  seen_at: string;
  closed_at: string | null;
}

export interface RoutingTables {
  routing_settings: RoutingSettingsTable;
  routing_offers: RoutingOffersTable;
  routing_offer_misses: RoutingOfferMissesTable;
  staff_connections: StaffConnectionsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends RoutingTables {}
}
