import type { Kysely } from 'kysely';

/** Booked calls, the per-slot counter that enforces capacity, and the link from a conversation to its booking. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('call_kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('visitor_time_zone', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookings_desk_start').on('bookings').columns(['desk_id', 'starts_at']).execute();

  await db.schema
    .createTable('booking_slots')
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('booking_slots_pk', ['desk_id', 'starts_at'])
    .execute();

  await db.schema.alterTable('conversations').addColumn('booking_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('call_kind', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('call_kind').execute();
  await db.schema.alterTable('conversations').dropColumn('booking_id').execute();
  for (const table of ['booking_slots', 'bookings']) {
    await db.schema.dropTable(table).execute();
  }
}
