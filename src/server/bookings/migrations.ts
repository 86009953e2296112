import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Finding 6 of issue 11: who holds a booking (hashes of the e-mail address and the client's
 * address), counted for the live-booking limits, and one lock row per holder that serialises
 * their bookings across instances (tables.ts).
 */
const abuseLimits: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('bookings').addColumn('email_key', 'text').execute();
    await db.schema.alterTable('bookings').addColumn('client_key', 'text').execute();
    await sql`update bookings set email_key = lower(email)`.execute(db);
    await db.schema.createIndex('bookings_email_key').on('bookings').columns(['email_key', 'status']).execute();
    await db.schema.createIndex('bookings_client_key').on('bookings').columns(['client_key', 'status']).execute();
    await db.schema
      .createTable('booking_holder_locks')
      .addColumn('holder_key', 'text', (c) => c.primaryKey())
      .addColumn('touched_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('booking_holder_locks').execute();
    await db.schema.dropIndex('bookings_client_key').execute();
    await db.schema.dropIndex('bookings_email_key').execute();
    await db.schema.alterTable('bookings').dropColumn('client_key').execute();
    await db.schema.alterTable('bookings').dropColumn('email_key').execute();
  },
};

export const bookingMigrations: Record<string, Migration> = { '0017_bookings_abuse_limits': abuseLimits };
