import type { ColumnType, Generated } from 'kysely';

/** The knowledge base: articles, their language versions, the search index and the feedback counts. */

/** One answer of the office, the same in every language: where it lives and under which topic. */
export interface HelpArticlesTable {
  id: string;
  desk_id: string;
  /** A desk topic's id; the first part of the article's address, /help/<topic>/<slug>. */
  topic_id: string;
  /** Lower-case letters, digits and hyphens; unique in the desk. */
  slug: string;
  /** 1 for the shipped starter articles, until an office saves them (shown as "example to review"). */
  example: number;
  created_at: string;
}

/** The article in one language. */
export interface HelpArticleVersionsTable {
  id: string;
  article_id: string;
  language: string;
  title: string;
  /** The Markdown subset the office writes (markdown.ts). */
  body: string;
  /** `body` rendered and sanitised when stored, so no page view parses Markdown. */
  body_html: string;
  status: 'draft' | 'published';
  reviewer: string | null;
  /** A calendar date, YYYY-MM-DD. */
  reviewed_on: string | null;
  /** When the title or the body last changed: another version changed later means this one needs review. */
  content_changed_at: string;
  updated_at: string;
  /** Title and body folded and split into words (search-text.ts), what both engines index. */
  search_title: string;
  search_body: string;
}

/** "Did this answer your question?" per article, language and day: counts only, nothing about who. */
export interface HelpFeedbackTable {
  article_id: string;
  language: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  helpful: number;
  not_helpful: number;
}

/**
 * The search index's narrow row per published version (migrations.ts). On PostgreSQL it also holds
 * `title_vector` and `text_vector`; on SQLite the FTS5 table `help_search` holds the words under
 * rowid = key.
 */
export interface HelpSearchEntriesTable {
  key: Generated<number>;
  version_id: string;
  desk_id: string;
  topic_id: string;
  language: string;
  title_length: number;
  search_title: string;
  /** PostgreSQL only: written, never read back. */
  title_vector: ColumnType<never, string | undefined, never>;
  text_vector: ColumnType<never, string | undefined, never>;
}

export interface HelpTables {
  help_articles: HelpArticlesTable;
  help_article_versions: HelpArticleVersionsTable;
  help_feedback: HelpFeedbackTable;
  help_search_entries: HelpSearchEntriesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends HelpTables {}
}
