import type { Kysely } from 'kysely';

/** Routing settings per desk, offers of waiting conversations, and staff connections on every instance. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('routing_settings')
    .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('offer_timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('disconnect_grace_seconds', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('routing_offers')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_offers_staff').on('routing_offers').column('staff_id').execute();

  await db.schema
    .createTable('routing_offer_misses')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('missed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_offer_misses_pk', ['conversation_id', 'staff_id'])
    .execute();

  await db.schema
    .createTable('staff_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('connected_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('staff_connections_staff').on('staff_connections').columns(['staff_id', 'seen_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['staff_connections', 'routing_offer_misses', 'routing_offers', 'routing_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
