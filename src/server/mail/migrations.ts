import type { Kysely, Migration } from 'kysely';

/** Mails per recipient and day (tables.ts MailRecipientDaysTable), finding 6 of issue 11. */
const recipientDays: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mail_recipient_days')
      .addColumn('recipient_key', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('mails', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_recipient_days_pk', ['recipient_key', 'day'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('mail_recipient_days').execute();
  },
};

export const mailMigrations: Record<string, Migration> = { '0017_mail_recipient_days': recipientDays };
