import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

const bytesType = (db: Kysely<unknown>) => (db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob');

/** One profile per desk, with its logo's bytes (small, and a database backup must hold it). */
const profile: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('office_profiles')
      .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('logo', bytesType(db))
      .addColumn('logo_updated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('office_profiles').execute();
  },
};

/** The sign-language video, its captions and the funding notice's image: kept apart, read only when shown. */
const media: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('office_media')
      .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('data', bytesType(db), (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('office_media_pk', ['desk_id', 'kind'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('office_media').execute();
  },
};

export const officeMigrations: Record<string, Migration> = { '0014_office_profile': profile, '0015_office_media': media };
