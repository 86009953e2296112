import type { Kysely, Migration } from 'kysely';

/** The thresholds per desk, and each open conversation's visitor attendance (src/server/inactivity). */
const tables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('inactivity_settings')
      .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id').onDelete('cascade'))
      .addColumn('warning_seconds', 'integer', (c) => c.notNull())
      .addColumn('end_seconds', 'integer', (c) => c.notNull())
      .addColumn('absent_seconds', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('visitor_attendance')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
      .addColumn('seen_at', 'text')
      .addColumn('warned_idle_since', 'text')
      .addColumn('warned_at', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('visitor_attendance').execute();
    await db.schema.dropTable('inactivity_settings').execute();
  },
};

/** What staff are shown of the visitor: present, away (page hidden) or gone; null until a socket of theirs said hello. */
const visitorPresence: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('visitor_attendance').addColumn('presence', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('visitor_attendance').dropColumn('presence').execute();
  },
};

export const inactivityMigrations: Record<string, Migration> = { '0014_inactivity_tables': tables, '0018_visitor_presence': visitorPresence };
