/**
 * The only place that speaks SQL about the knowledge base. Every write re-indexes the article's
 * published versions in the same transaction (help_search_entries, and on SQLite the FTS5 table).
 * Search runs on each engine's own full-text index over the same folded words, and ranks the same
 * way on both: by how many of the query's stems the title has, most first; within a rank the
 * shorter title first (fewer other words: more to the point), then by folded title in byte order
 * (collation "C" on PostgreSQL, SQLite's binary), so both databases list the same articles in the
 * same order.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Engine } from '../db/database';
import type { DatabaseSchema } from '../db/schema';
import type { HelpArticlesTable } from './tables';
import type { HelpArticleRecord, HelpfulnessCount, HelpSearch, NewHelpVersion, PublishedHelpVersion, StoredHelpArticle } from './types';

type ArticlePlace = Pick<HelpArticlesTable, 'topic_id' | 'slug' | 'example'>;
type IndexedVersion = Pick<NewHelpVersion, 'id' | 'language' | 'status' | 'search_title' | 'search_body'>;

export class HelpRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly engine: Engine,
  ) {}

  async list(deskId: string): Promise<HelpArticleRecord[]> {
    const articles = await this.db.selectFrom('help_articles').selectAll().where('desk_id', '=', deskId).orderBy('topic_id').orderBy('slug').execute();
    return this.withVersions(articles);
  }

  async find(deskId: string, id: string): Promise<HelpArticleRecord | undefined> {
    const article = await this.db.selectFrom('help_articles').selectAll().where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
    return article && (await this.withVersions([article]))[0];
  }

  async findBySlug(deskId: string, slug: string): Promise<HelpArticleRecord | undefined> {
    const article = await this.db.selectFrom('help_articles').selectAll().where('desk_id', '=', deskId).where('slug', '=', slug).executeTakeFirst();
    return article && (await this.withVersions([article]))[0];
  }

  async count(deskId: string): Promise<number> {
    const row = await this.db.selectFrom('help_articles').select((eb) => eb.fn.countAll<string | number>().as('n')).where('desk_id', '=', deskId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stores new articles with their versions in one transaction. */
  async insert(records: { article: StoredHelpArticle; versions: NewHelpVersion[] }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const { article, versions } of records) {
        await trx.insertInto('help_articles').values(article).execute();
        if (versions.length) await trx.insertInto('help_article_versions').values(versions).execute();
        await this.reindex(trx, article, versions);
      }
    });
  }

  /** Moves the article and makes its versions exactly `versions` (by language): kept rows are updated, missing ones deleted. */
  async replace(article: Pick<StoredHelpArticle, 'id' | 'desk_id'>, place: ArticlePlace, versions: NewHelpVersion[]): Promise<void> {
    const id = article.id;
    await this.db.transaction().execute(async (trx) => {
      await this.unindex(trx, id);
      await trx.updateTable('help_articles').set(place).where('id', '=', id).execute();
      const languages = versions.map((version) => version.language);
      await trx
        .deleteFrom('help_article_versions')
        .where('article_id', '=', id)
        .$if(languages.length > 0, (query) => query.where('language', 'not in', languages))
        .execute();
      for (const version of versions) {
        const { id: _versionId, article_id: _articleId, language: _language, ...change } = version;
        const updated = await trx.updateTable('help_article_versions').set(change).where('article_id', '=', id).where('language', '=', version.language).executeTakeFirst();
        if (updated.numUpdatedRows === 0n) await trx.insertInto('help_article_versions').values(version).execute();
      }
      const stored = await trx.selectFrom('help_article_versions').select(['id', 'language', 'status', 'search_title', 'search_body']).where('article_id', '=', id).execute();
      await this.reindex(trx, { ...article, topic_id: place.topic_id }, stored);
    });
  }

  async delete(deskId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await this.unindex(trx, id);
      const result = await trx.deleteFrom('help_articles').where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  /** The article's published versions in the index; drafts are never there. */
  private async reindex(trx: Transaction<DatabaseSchema>, article: Pick<StoredHelpArticle, 'desk_id' | 'topic_id'>, versions: IndexedVersion[]): Promise<void> {
    for (const version of versions.filter((candidate) => candidate.status === 'published')) {
      const words = `${version.search_title} ${version.search_body}`.trim();
      const vector = (text: string) => sql<string>`array_to_tsvector(string_to_array(${postgresWords(version.language, text)}, ' '))`;
      const entry = await trx
        .insertInto('help_search_entries')
        .values({
          version_id: version.id,
          desk_id: article.desk_id,
          topic_id: article.topic_id,
          language: version.language,
          title_length: version.search_title.length,
          search_title: version.search_title,
          ...(this.engine === 'postgres' && { title_vector: vector(version.search_title), text_vector: vector(words) }),
        })
        .returning('key')
        .executeTakeFirstOrThrow();
      if (this.engine === 'sqlite') {
        await sql`insert into help_search (rowid, search_title, search_body) values (${entry.key}, ${version.search_title}, ${version.search_body})`.execute(trx);
      }
    }
  }

  private async unindex(trx: Transaction<DatabaseSchema>, articleId: string): Promise<void> {
    const versionIds = trx.selectFrom('help_article_versions').select('id').where('article_id', '=', articleId);
    if (this.engine === 'sqlite') {
      await sql`delete from help_search where rowid in (select key from help_search_entries where version_id in (${versionIds}))`.execute(trx);
    }
    await trx.deleteFrom('help_search_entries').where('version_id', 'in', versionIds).execute();
  }

  /** Every published version of the desk, for the help index. */
  listPublished(deskId: string): Promise<PublishedHelpVersion[]> {
    return this.db
      .selectFrom('help_article_versions as v')
      .innerJoin('help_articles as a', 'a.id', 'v.article_id')
      .select(['v.article_id as articleId', 'a.topic_id as topic', 'a.slug', 'v.language', 'v.title'])
      .where('a.desk_id', '=', deskId)
      .where('v.status', '=', 'published')
      .orderBy('v.title')
      .execute();
  }

  /** Published versions in one language that hold every stem (as a word's beginning), best first. */
  async search(search: HelpSearch): Promise<PublishedHelpVersion[]> {
    if (search.stems.length === 0) return [];
    const ranked =
      this.engine === 'sqlite'
        ? await this.rank(this.db, search)
        : await this.db.transaction().execute(async (trx) => {
            // PostgreSQL's planner prices `@@` on a tsvector far below what it costs and, for a common
            // word, scans every entry evaluating it; the GIN index answers without reading a vector.
            await sql`set local enable_seqscan = off`.execute(trx);
            return this.rank(trx, search);
          });
    return this.versionsInOrder(ranked.map((row) => row.version_id));
  }

  private rank(db: Kysely<DatabaseSchema>, search: HelpSearch): Promise<{ version_id: string }[]> {
    const matches = this.engine === 'sqlite' ? sqliteMatches(search.stems) : postgresMatches(search.stems, search.language);
    return db
      .selectFrom('help_search_entries as e')
      .select('e.version_id')
      .where('e.desk_id', '=', search.deskId)
      .where('e.language', '=', search.language)
      .where(search.match === 'any' ? matches.someInText : matches.all)
      .$if(search.topic !== undefined, (query) => query.where('e.topic_id', '=', search.topic!))
      .orderBy(sql.join(matches.inTitle.map((inTitle) => sql`case when ${inTitle} then 1 else 0 end`), sql` + `), 'desc')
      .orderBy('e.title_length')
      .orderBy(this.engine === 'sqlite' ? sql`e.search_title` : sql`e.search_title collate "C"`)
      .orderBy('e.version_id')
      .limit(search.limit)
      .execute();
  }

  private async versionsInOrder(ids: string[]): Promise<PublishedHelpVersion[]> {
    if (ids.length === 0) return [];
    const found = await this.db
      .selectFrom('help_article_versions as v')
      .innerJoin('help_articles as a', 'a.id', 'v.article_id')
      .select(['v.id', 'v.article_id as articleId', 'a.topic_id as topic', 'a.slug', 'v.language', 'v.title'])
      .where('v.id', 'in', ids)
      .execute();
    return ids.flatMap((id) => found.filter((row) => row.id === id).map(({ id: _id, ...version }) => version));
  }

  async addFeedback(articleId: string, language: string, day: string, helpful: boolean): Promise<void> {
    const counts = { helpful: helpful ? 1 : 0, not_helpful: helpful ? 0 : 1 };
    await this.db
      .insertInto('help_feedback')
      .values({ article_id: articleId, language, day, ...counts })
      .onConflict((conflict) =>
        conflict.columns(['article_id', 'language', 'day']).doUpdateSet((eb) => ({
          helpful: eb('help_feedback.helpful', '+', counts.helpful),
          not_helpful: eb('help_feedback.not_helpful', '+', counts.not_helpful),
        })),
      )
      .execute();
  }

  /** The desk's counts from `from` to `to` (days, inclusive). */
  async feedback(deskId: string, from: string, to: string): Promise<HelpfulnessCount[]> {
    const rows = await this.db
      .selectFrom('help_feedback as f')
      .innerJoin('help_articles as a', 'a.id', 'f.article_id')
      .select(['f.article_id', 'f.language', 'f.day', 'f.helpful', 'f.not_helpful'])
      .where('a.desk_id', '=', deskId)
      .where('f.day', '>=', from)
      .where('f.day', '<=', to)
      .orderBy('f.day')
      .orderBy('f.article_id')
      .orderBy('f.language')
      .execute();
    return rows.map((row) => ({ articleId: row.article_id, language: row.language, day: row.day, helpful: Number(row.helpful), notHelpful: Number(row.not_helpful) }));
  }

  private async withVersions(articles: StoredHelpArticle[]): Promise<HelpArticleRecord[]> {
    if (articles.length === 0) return [];
    const versions = await this.db
      .selectFrom('help_article_versions')
      .selectAll()
      .where(
        'article_id',
        'in',
        articles.map((article) => article.id),
      )
      .orderBy('language')
      .execute();
    return articles.map((article) => ({ article, versions: versions.filter((version) => version.article_id === article.id) }));
  }
}

interface Matches {
  all: RawBuilder<boolean>;
  someInText: RawBuilder<boolean>;
  /** Per stem: whether the title has it (ranked by how many it has). */
  inTitle: RawBuilder<boolean>[];
}

/** FTS5 queries: each stem a quoted prefix (stems hold only letters and digits, so quoting is enough). */
function sqliteMatches(stems: string[]): Matches {
  const prefixes = stems.map((stem) => `"${stem}"*`);
  const inIndex = (query: string) => sql<boolean>`e.key in (select rowid from help_search where help_search match ${query})`;
  return {
    all: inIndex(prefixes.join(' AND ')),
    someInText: inIndex(prefixes.join(' OR ')),
    inTitle: prefixes.map((prefix) => inIndex(`search_title : ${prefix}`)),
  };
}

/**
 * PostgreSQL indexes each word behind its language ("pl_zezwolenie"), so a prefix search reads
 * only the GIN entries of the asked language: a common stem in the other three languages costs
 * nothing, where the plain words made the index return every language's matches to be rechecked.
 */
function postgresWords(language: string, words: string): string {
  return words ? words.split(' ').map((word) => `${language}_${word}`).join(' ') : '';
}

/** tsqueries over the word lists as stored: each stem a quoted prefix, read as a tsquery literal (no parser would keep "pl_" on a word). */
function postgresMatches(stems: string[], language: string): Matches {
  const prefixes = stems.map((stem) => `'${language}_${stem}':*`);
  const tsquery = (text: string) => sql`cast(${text} as tsquery)`;
  const query = (operator: string) => tsquery(prefixes.join(operator));
  return {
    all: sql<boolean>`e.text_vector @@ ${query(' & ')}`,
    someInText: sql<boolean>`e.text_vector @@ ${query(' | ')}`,
    inTitle: prefixes.map((prefix) => sql<boolean>`e.title_vector @@ ${tsquery(prefix)}`),
  };
}
