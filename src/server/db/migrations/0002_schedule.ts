import type { Kysely } from 'kysely';

/** Dated schedule exceptions and the manual pause, shared by every instance through the database. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_exceptions')
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('schedule_exceptions_pk', ['desk_id', 'date'])
    .execute();

  await db.schema
    .createTable('desk_pauses')
    .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
    .addColumn('messages', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['desk_pauses', 'schedule_exceptions']) {
    await db.schema.dropTable(table).execute();
  }
}
