import { sql, type Kysely } from 'kysely';

/**
 * One open conversation per booking, enforced by the database: two "Join the call" requests at
 * once (on any instances) cannot both start one. Closed conversations leave the index, so a visitor
 * can join again after a call ended early; conversations without a booking (NULL) are not limited.
 *
 * The mail outbox gets its desk (every table carries one) and the time a mail was given up, from
 * which retention counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('conversations_open_booking')
    .on('conversations')
    .column('booking_id')
    .unique()
    .where(sql.ref('status'), '<>', 'closed')
    .execute();

  // Nullable only because mails stored before this migration have no desk; every new one has.
  await db.schema.alterTable('mail_outbox').addColumn('desk_id', 'text', (c) => c.references('desks.id')).execute();
  await db.schema.alterTable('mail_outbox').addColumn('given_up_at', 'text').execute();
  // A mail given up before this migration counts from when it was stored.
  await sql`update mail_outbox set given_up_at = created_at where next_attempt_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('given_up_at').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('desk_id').execute();
  await db.schema.dropIndex('conversations_open_booking').execute();
}
