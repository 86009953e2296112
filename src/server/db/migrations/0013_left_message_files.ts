import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Files attached to a left message, bytes in the database like chat files (docs/decisions/0006).
 * They go with their message (ON DELETE CASCADE), so retention deleting the message deletes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('left_message_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('left_message_id', 'text', (c) => c.notNull().references('left_messages.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('left_message_files_message').on('left_message_files').column('left_message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('left_message_files').execute();
}
