/**
 * A visitor blocked by staff: the device (hash of the id the browser keeps, if the visitor let it
 * be sent) and the network (hash of the address, IPv6 by its /64) of one conversation, until a time.
 */
export interface VisitorBlocksTable {
  id: string;
  desk_id: string;
  /** SHA-256 of the device id; null when the conversation had none. */
  device_hash: string | null;
  /** SHA-256 of clientNetwork(ip); null for a conversation started before networks were kept. */
  network_hash: string | null;
  /** The conversation it was made from; not a foreign key, so the block outlives its deletion. */
  conversation_id: string;
  reason: string;
  staff_id: string;
  staff_name: string;
  created_at: string;
  until: string;
  lifted_at: string | null;
}

export interface BlockTables {
  visitor_blocks: VisitorBlocksTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends BlockTables {}
}
