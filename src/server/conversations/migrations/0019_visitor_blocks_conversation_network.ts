import type { Kysely } from 'kysely';

/**
 * The network a conversation was started from (SHA-256 of clientNetwork: an IPv4 address, an IPv6
 * /64), never the address itself: what a block made from the conversation stops (src/server/blocks).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('network_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('network_hash').execute();
}
