import type { Kysely, Migration } from 'kysely';

/**
 * Calls on weak lines: the office's switch for visitors starting calls (set in /admin; the
 * environment's CALLS_VISITOR_MAY_START until then), and a count of a member's joins, so a page
 * reloaded during a call takes the call over and the other sides make new links to it.
 */
const weakLines: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('call_settings')
      .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id').onDelete('cascade'))
      .addColumn('visitor_may_start', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('call_members').addColumn('joins', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('call_members').dropColumn('joins').execute();
    await db.schema.dropTable('call_settings').execute();
  },
};

export const callMigrations: Record<string, Migration> = { '0017_calls_weak_lines': weakLines };
