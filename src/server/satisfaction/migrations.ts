import type { Kysely, Migration } from 'kysely';

const ratings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('satisfaction_responses')
      .addColumn('subject_id', 'text', (c) => c.primaryKey())
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('satisfaction_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('satisfaction_comments_desk_time').on('satisfaction_comments').columns(['desk_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('satisfaction_comments').execute();
    await db.schema.dropTable('satisfaction_responses').execute();
  },
};

/** Named under reports: the ratings are part of the reporting feature (issue 13). */
export const satisfactionMigrations: Record<string, Migration> = { '0014_reports_satisfaction': ratings };
