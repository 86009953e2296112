/** A waiting conversation whose visitor was offered a left message or a booking (once: the primary key decides). */
export interface ClosingOffersTable {
  conversation_id: string;
  offered_at: string;
}

export interface ClosingTables {
  closing_offers: ClosingOffersTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ClosingTables {}
}
