import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

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

/** Staff second factors: TOTP, recovery codes, passkeys, their challenges, the desk's policy, and the stage of a session. */
const twoFactor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('staff_sessions')
      .addColumn('second_factor', 'text', (c) => c.notNull().defaultTo(sql`'done'`))
      .execute();
    await db.schema
      .createTable('staff_totp')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('staff_users.id').onDelete('cascade'))
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('last_step', 'integer')
      .execute();
    await db.schema
      .createTable('staff_recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addPrimaryKeyConstraint('staff_recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('staff_passkeys')
      .addColumn('credential_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('staff_passkeys_user').on('staff_passkeys').column('user_id').execute();
    await db.schema
      .createTable('webauthn_challenges')
      .addColumn('session_hash', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webauthn_challenges_pk', ['session_hash', 'purpose'])
      .execute();
    await db.schema
      .createTable('two_factor_policy')
      .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id').onDelete('cascade'))
      .addColumn('consultants_required', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['two_factor_policy', 'webauthn_challenges', 'staff_passkeys', 'staff_recovery_codes', 'staff_totp']) await db.schema.dropTable(table).execute();
    await db.schema.alterTable('staff_sessions').dropColumn('second_factor').execute();
  },
};

/**
 * What a staff member's list of sessions shows, idle timeout and re-authentication: sessions open
 * before it count as used and proved when they were opened, on an unknown device and network.
 */
const sessions: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['id', 'last_seen_at', 'proved_at']) await db.schema.alterTable('staff_sessions').addColumn(column, 'text').execute();
    for (const column of ['browser', 'os', 'network']) {
      await db.schema.alterTable('staff_sessions').addColumn(column, 'text', (c) => c.notNull().defaultTo(sql`''`)).execute();
    }
    await sql`update staff_sessions set last_seen_at = created_at, proved_at = created_at`.execute(db);
    const { rows } = await sql<{ token_hash: string }>`select token_hash from staff_sessions`.execute(db);
    for (const { token_hash: tokenHash } of rows) await sql`update staff_sessions set id = ${randomUUID()} where token_hash = ${tokenHash}`.execute(db);
    await db.schema.createIndex('staff_sessions_id').on('staff_sessions').column('id').unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('staff_sessions_id').execute();
    for (const column of ['network', 'os', 'browser', 'proved_at', 'last_seen_at', 'id']) await db.schema.alterTable('staff_sessions').dropColumn(column).execute();
  },
};

export const authMigrations = { '0014_auth_sign_in_failures': signInFailures, '0019_auth_two_factor': twoFactor, '0020_auth_sessions': sessions };
