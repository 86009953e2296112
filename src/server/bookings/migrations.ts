import type { Kysely, Migration } from 'kysely';

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

export const bookingMigrations: Record<string, Migration> = { '0017_booking_reminders': reminders };
