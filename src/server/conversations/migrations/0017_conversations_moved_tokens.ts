import type { Kysely } from 'kysely';

/**
 * The keys a conversation answered to before it went on with a new one (continued on another
 * device, rejoined through a booking's link): a device that comes back with one is told the
 * conversation moved, not that it was lost. Deleted with the conversation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('moved_visitor_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('moved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moved_visitor_tokens_conversation').on('moved_visitor_tokens').column('conversation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('moved_visitor_tokens').execute();
}
