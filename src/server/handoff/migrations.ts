import type { Kysely, Migration } from 'kysely';

/** Case codes of open conversations (src/server/handoff). */
const tables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('case_codes')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('case_codes').execute();
  },
};

export const handoffMigrations: Record<string, Migration> = { '0017_handoff_case_codes': tables };
