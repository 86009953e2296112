import type { Kysely } from 'kysely';

/**
 * Times are ISO-8601 UTC strings on both engines: they sort as text, and the same queries run on
 * SQLite and PostgreSQL without per-engine date handling.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('desks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('visitor_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('waiting_since', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('first_reply_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('conversations_desk_status')
    .on('conversations')
    .columns(['desk_id', 'status', 'waiting_since'])
    .execute();
  await db.schema.createIndex('conversations_assignee').on('conversations').columns(['assignee_id', 'status']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('event', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pk', ['conversation_id', 'seq'])
    // The de-duplication key for resent messages: a unique index, not a look-up race.
    .addUniqueConstraint('messages_client_id', ['conversation_id', 'client_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['messages', 'conversations', 'staff_sessions', 'staff_users', 'desks']) {
    await db.schema.dropTable(table).execute();
  }
}
