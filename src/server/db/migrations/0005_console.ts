import type { Kysely } from 'kysely';

/**
 * The consultant's tools: canned answers (shared per desk, or personal), internal notes kept apart
 * from the messages, how far staff have read each conversation, and the visitor's context (their
 * browser's time zone; the hash of a device id when they allowed earlier conversations to be shown).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canned_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('owner_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('canned_answers_desk_owner').on('canned_answers').columns(['desk_id', 'owner_id']).execute();

  await db.schema
    .createTable('conversation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_notes_conversation').on('conversation_notes').columns(['conversation_id', 'created_at']).execute();

  await db.schema.alterTable('conversations').addColumn('staff_read_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('conversations').addColumn('visitor_time_zone', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('device_hash', 'text').execute();
  await db.schema.createIndex('conversations_device_hash').on('conversations').columns(['device_hash', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_device_hash').execute();
  for (const column of ['device_hash', 'visitor_time_zone', 'staff_read_seq']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
  await db.schema.dropTable('conversation_notes').execute();
  await db.schema.dropTable('canned_answers').execute();
}
