import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A left message becomes a thread: after the office's first answer (kept in `left_messages`, as
 * the reports time it) the visitor's replies and the office's further answers are rows of
 * `left_message_replies`, numbered in order within the thread (`seq`, taken while the message's row
 * is held, so a reply and an answer in the same millisecond still have their order); a reply's files are `left_message_files` rows that name it.
 * `last_answered_at` is the latest answer, from which retention counts.
 */
const thread: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('left_message_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('left_message_id', 'text', (c) => c.notNull().references('left_messages.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('left_message_replies_thread').on('left_message_replies').columns(['left_message_id', 'seq']).unique().execute();
    await db.schema
      .alterTable('left_message_files')
      .addColumn('reply_id', 'text', (c) => c.references('left_message_replies.id').onDelete('cascade'))
      .execute();
    await db.schema.alterTable('left_messages').addColumn('last_answered_at', 'text').execute();
    await sql`update left_messages set last_answered_at = answered_at`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('left_messages').dropColumn('last_answered_at').execute();
    await db.schema.alterTable('left_message_files').dropColumn('reply_id').execute();
    await db.schema.dropTable('left_message_replies').execute();
  },
};

/** A left message's file waits as `pending` while clamd cannot be reached (files/screening.ts); earlier files are `clean`. */
const virusScan: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('left_message_files').addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('clean')).execute();
    await db.schema.createIndex('left_message_files_scan_pending').on('left_message_files').columns(['scan_status', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('left_message_files_scan_pending').execute();
    await db.schema.alterTable('left_message_files').dropColumn('scan_status').execute();
  },
};

export const inboxMigrations: Record<string, Migration> = { '0017_left_message_thread': thread, '0019_virus_scan_left_message_files': virusScan };
