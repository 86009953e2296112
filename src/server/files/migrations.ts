import type { Kysely, Migration } from 'kysely';

/**
 * A file waits as `pending` while clamd cannot be reached (files/screening.ts); every file stored
 * before scanning existed is `clean`. A pending chat file has no message yet: `client_id` is the
 * upload's, under which its message is posted once clamd finds it clean.
 */
const virusScan: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('files').addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('clean')).execute();
    await db.schema.alterTable('files').addColumn('client_id', 'text').execute();
    await db.schema.createIndex('files_scan_pending').on('files').columns(['scan_status', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('files_scan_pending').execute();
    await db.schema.alterTable('files').dropColumn('client_id').execute();
    await db.schema.alterTable('files').dropColumn('scan_status').execute();
  },
};

export const fileMigrations: Record<string, Migration> = { '0019_virus_scan_files': virusScan };
