import type { Kysely } from 'kysely';

/**
 * Staff in a conversation beside its assignee (a supervisor, an interpreter), and the transfers
 * of conversations between consultants with the note for the one who takes over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversation_participants')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_participants_pk', ['conversation_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('conversation_participants_staff').on('conversation_participants').column('staff_id').execute();

  await db.schema
    .createTable('conversation_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('from_staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('to_staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_transfers_to')
    .on('conversation_transfers')
    .columns(['to_staff_id', 'conversation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_transfers').execute();
  await db.schema.dropTable('conversation_participants').execute();
}
