import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Reminders and the follow-up of a missed booking, each claimed once per booking (the column is
 * set by a conditional update in the transaction that stores the mail), and the further links a
 * reminder gives: the private link's token is never stored, so a reminder carries a new one.
 */
const reminders: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('bookings').addColumn('reminded_day_at', 'text').execute();
    await db.schema.alterTable('bookings').addColumn('reminded_hour_at', 'text').execute();
    await db.schema.alterTable('bookings').addColumn('followed_up_at', 'text').execute();
    await db.schema
      .createTable('booking_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('booking_links_booking').on('booking_links').column('booking_id').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('booking_links').execute();
    for (const column of ['followed_up_at', 'reminded_hour_at', 'reminded_day_at']) {
      await db.schema.alterTable('bookings').dropColumn(column).execute();
    }
  },
};

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

export const bookingMigrations: Record<string, Migration> = { '0017_booking_reminders': reminders, '0017_bookings_abuse_limits': abuseLimits };
