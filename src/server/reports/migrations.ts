import type { Kysely, Migration } from 'kysely';

const KEY = ['desk_id', 'day', 'hour', 'measure', 'language', 'topic', 'channel', 'outcome', 'staff_id', 'bucket'] as const;

/** The aggregate store (tables.ts): one counter row per key; reports read it by desk, measure and day. */
const counts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('report_counts')
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('hour', 'integer', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('total', 'double precision', (c) => c.notNull())
      .addUniqueConstraint('report_counts_key', [...KEY])
      .execute();
    // Covers every column a report reads, so a year's sums scan the index in order instead of
    // fetching each row from the table.
    await db.schema
      .createIndex('report_counts_report')
      .on('report_counts')
      .columns(['desk_id', 'measure', 'day', 'hour', 'language', 'topic', 'channel', 'outcome', 'staff_id', 'bucket', 'count', 'total'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('report_counts').execute();
  },
};

export const reportMigrations: Record<string, Migration> = { '0014_reports_counts': counts };
