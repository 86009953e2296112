import type { Kysely } from 'kysely';

/**
 * Translations apart from `messages`, so the message append stays what it was; keyed by the
 * message and deleted with it (retention deletes conversations, which cascade to their messages).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_translations')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('target_language', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_translations_pk', ['conversation_id', 'seq'])
    .addForeignKeyConstraint('message_translations_message', ['conversation_id', 'seq'], 'messages', ['conversation_id', 'seq'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createTable('conversation_translations')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    .addColumn('staff_language', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_translations').execute();
  await db.schema.dropTable('message_translations').execute();
}
