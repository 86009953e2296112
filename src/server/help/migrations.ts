import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type RawBuilder, type Kysely, type Migration } from 'kysely';

/**
 * The articles and their full-text index. Both engines index the same folded words
 * (search-text.ts), written by the repository with each change: SQLite in an FTS5 table,
 * PostgreSQL in tsvector columns built from the word list as it is (array_to_tsvector), so no
 * text-search parser or dictionary of either engine changes a word and both find the same rows.
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

/**
 * One narrow row per published version: what search filters, ranks and sorts by, so a common word
 * matching thousands of versions never reads their wide rows (body, HTML). `key` is an explicit
 * integer primary key, so SQLite's VACUUM keeps it and FTS5 rows can use it as their rowid.
 */
function searchEntries(db: Kysely<unknown>, key: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder) {
  return db.schema
    .createTable('help_search_entries')
    .addColumn('key', 'integer', (c) => key(c.primaryKey()))
    .addColumn('version_id', 'text', (c) => c.notNull().unique().references('help_article_versions.id').onDelete('cascade'))
    .addColumn('desk_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title_length', 'integer', (c) => c.notNull())
    .addColumn('search_title', 'text', (c) => c.notNull());
}

async function postgresIndex(db: Kysely<unknown>): Promise<void> {
  await searchEntries(db, (c) => c.generatedByDefaultAsIdentity())
    .addColumn('title_vector', sql`tsvector`, (c) => c.notNull())
    .addColumn('text_vector', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('help_search_entries_place').on('help_search_entries').columns(['desk_id', 'language']).execute();
  await sql`create index help_search_entries_title on help_search_entries using gin (title_vector)`.execute(db);
  await sql`create index help_search_entries_text on help_search_entries using gin (text_vector)`.execute(db);
}

async function sqliteIndex(db: Kysely<unknown>): Promise<void> {
  await searchEntries(db, (c) => c).execute();
  await db.schema.createIndex('help_search_entries_place').on('help_search_entries').columns(['desk_id', 'language']).execute();
  await sql`create virtual table help_search using fts5(search_title, search_body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')`.execute(db);
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table help_search`.execute(db);
  await db.schema.dropTable('help_search_entries').execute();
  await db.schema.dropTable('help_feedback').execute();
  await db.schema.dropTable('help_article_versions').execute();
  await db.schema.dropTable('help_articles').execute();
}

/** PostgreSQL's index words get their language in front (see postgresWords in repository.ts). */
async function languageWordsUp(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await relabelWords(db, sql`e.language || '_' || word`);
}

async function languageWordsDown(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await relabelWords(db, sql`substr(word, length(e.language) + 2)`);
}

function relabelWords(db: Kysely<unknown>, relabel: RawBuilder<unknown>) {
  const vector = (column: string) => sql`array_to_tsvector(array(select ${relabel} from unnest(tsvector_to_array(${sql.ref(`e.${column}`)})) as word))`;
  return sql`update help_search_entries as e set title_vector = ${vector('title_vector')}, text_vector = ${vector('text_vector')}`.execute(db);
}

export const helpMigrations: Record<string, Migration> = {
  '0014_help_articles': { up, down },
  '0016_help_language_words': { up: languageWordsUp, down: languageWordsDown },
};
