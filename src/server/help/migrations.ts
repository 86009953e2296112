import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * The articles and their full-text index. Both engines index the same folded words
 * (search-text.ts): SQLite in an FTS5 table kept by triggers, PostgreSQL in generated tsvector
 * columns built from the word list as it is (array_to_tsvector), so no text-search parser or
 * dictionary of either engine changes a word and both find the same rows.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('help_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('help_articles_desk_slug', ['desk_id', 'slug'])
    .execute();
  await db.schema
    .createTable('help_article_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('help_articles.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('content_changed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('search_title', 'text', (c) => c.notNull())
    .addColumn('search_body', 'text', (c) => c.notNull())
    .addUniqueConstraint('help_article_versions_language', ['article_id', 'language'])
    .execute();
  await db.schema
    .createTable('help_feedback')
    .addColumn('article_id', 'text', (c) => c.notNull().references('help_articles.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('not_helpful', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('help_feedback_key', ['article_id', 'language', 'day'])
    .execute();
  await db.schema.createIndex('help_feedback_day').on('help_feedback').column('day').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresIndex(db);
  else await sqliteIndex(db);
}

async function postgresIndex(db: Kysely<unknown>): Promise<void> {
  const words = (column: string) => `string_to_array(${column}, ' ')`;
  const vector = (array: string) => sql.raw(`array_to_tsvector(${array})`);
  await sql`alter table help_article_versions
    add column title_vector tsvector generated always as (${vector(words('search_title'))}) stored,
    add column text_vector tsvector generated always as (${vector(`array_cat(${words('search_title')}, ${words('search_body')})`)}) stored`.execute(db);
  await sql`create index help_article_versions_title_vector on help_article_versions using gin (title_vector)`.execute(db);
  await sql`create index help_article_versions_text_vector on help_article_versions using gin (text_vector)`.execute(db);
}

async function sqliteIndex(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table help_search using fts5(
    version_id unindexed, search_title, search_body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')`.execute(db);
  const insert = sql.raw(`insert into help_search (version_id, search_title, search_body) values (new.id, new.search_title, new.search_body);`);
  const remove = sql.raw(`delete from help_search where version_id = old.id;`);
  await sql`create trigger help_search_insert after insert on help_article_versions begin ${insert} end`.execute(db);
  await sql`create trigger help_search_update after update of search_title, search_body on help_article_versions begin ${remove} ${insert} end`.execute(db);
  await sql`create trigger help_search_delete after delete on help_article_versions begin ${remove} end`.execute(db);
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table help_search`.execute(db);
  await db.schema.dropTable('help_feedback').execute();
  await db.schema.dropTable('help_article_versions').execute();
  await db.schema.dropTable('help_articles').execute();
}

export const helpMigrations: Record<string, Migration> = { '0014_help_articles': { up, down } };
