import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Files sent in conversations, bytes included (docs/decisions/0006): every instance can serve
 * them and a database backup holds them. A file belongs to its conversation and goes with it;
 * the message that carries it points at it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('uploader', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('thumbnail', bytes)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_conversation').on('files').column('conversation_id').execute();
  await db.schema
    .alterTable('messages')
    .addColumn('attachment_id', 'text', (c) => c.references('files.id').onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('attachment_id').execute();
  await db.schema.dropTable('files').execute();
}
