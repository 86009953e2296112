import type { Kysely, Migration } from 'kysely';

/** Failed sign-ins per account (tables.ts SignInFailuresTable). */
const signInFailures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('account_key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failed_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('sign_in_failures').execute();
  },
};

export const authMigrations = { '0014_auth_sign_in_failures': signInFailures };
