import type { Kysely } from 'kysely';

/**
 * What /admin edits while the desk runs: the topics offered to visitors (names per language,
 * order, active) and the desk's weekly hours and service period, which override the config
 * defaults once an admin has saved them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('topics')
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topics_pk', ['desk_id', 'id'])
    .execute();

  await db.schema
    .createTable('schedule_settings')
    .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
    .addColumn('weekly_hours', 'text', (c) => c.notNull())
    .addColumn('service_start', 'text')
    .addColumn('service_end', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['schedule_settings', 'topics']) {
    await db.schema.dropTable(table).execute();
  }
}
