import type { Kysely } from 'kysely';

/**
 * Calls in a conversation, as state every instance can check signalling against (never media),
 * and who is in each call: the visitor, staff, and interpreters invited into it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_by_name', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ring_until', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('calls_conversation').on('calls').columns(['conversation_id', 'state']).execute();
  await db.schema.createIndex('calls_state_ring').on('calls').columns(['state', 'ring_until']).execute();

  await db.schema
    .createTable('call_members')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text')
    .addColumn('joined_at', 'text')
    .addColumn('left_at', 'text')
    .addPrimaryKeyConstraint('call_members_pk', ['call_id', 'peer'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_members').execute();
  await db.schema.dropTable('calls').execute();
}
