import type { Kysely } from 'kysely';

/**
 * What routing needs to know about a staff member (topics, capacity, availability), the languages
 * they interpret, and the audit log of staff actions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_users').addColumn('topics', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('staff_users').addColumn('max_concurrent', 'integer', (c) => c.notNull().defaultTo(3)).execute();
  await db.schema.alterTable('staff_users').addColumn('availability', 'text', (c) => c.notNull().defaultTo('offline')).execute();
  await db.schema.alterTable('staff_users').addColumn('availability_changed_at', 'text').execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('interpreter_languages', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_log_desk_at').on('audit_log').columns(['desk_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  for (const column of ['interpreter_languages', 'availability_changed_at', 'availability', 'max_concurrent', 'topics']) {
    await db.schema.alterTable('staff_users').dropColumn(column).execute();
  }
}
