import type { Kysely, Migration } from 'kysely';

const powSpent: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('pow_keys')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('pow_spent')
      .addColumn('signature', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pow_spent_expires').on('pow_spent').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('pow_spent').execute();
    await db.schema.dropTable('pow_keys').execute();
  },
};

export const proofOfWorkMigrations: Record<string, Migration> = { '0020_pow_spent': powSpent };
