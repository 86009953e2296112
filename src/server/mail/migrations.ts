import type { Kysely, Migration } from 'kysely';

/**
 * Mails per recipient and day (tables.ts MailRecipientDaysTable), finding 6 of issue 11, and the
 * sealed private-link token of a stored mail (finding 9).
 */
const recipientDays: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mail_recipient_days')
      .addColumn('recipient_key', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('mails', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_recipient_days_pk', ['recipient_key', 'day'])
      .execute();
    await db.schema.alterTable('mail_outbox').addColumn('sealed_secret', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('mail_outbox').dropColumn('sealed_secret').execute();
    await db.schema.dropTable('mail_recipient_days').execute();
  },
};

export const mailMigrations: Record<string, Migration> = { '0017_mail_limits_and_sealing': recipientDays };
