import type { Insertable, Selectable } from 'kysely';
import type { HelpArticlesTable, HelpArticleVersionsTable } from './tables';

export type StoredHelpArticle = Selectable<HelpArticlesTable>;
export type StoredHelpVersion = Selectable<HelpArticleVersionsTable>;
export type NewHelpVersion = Insertable<HelpArticleVersionsTable>;

/** An article with every language version it has. */
export interface HelpArticleRecord {
  article: StoredHelpArticle;
  versions: StoredHelpVersion[];
}

/** A published version with where it lives, as search and the help pages list it. */
export interface PublishedHelpVersion {
  articleId: string;
  topic: string;
  slug: string;
  language: string;
  title: string;
}

export interface HelpSearch {
  deskId: string;
  language: string;
  stems: string[];
  /** Every stem must occur (the default), or any one. */
  match?: 'all' | 'any';
  topic?: string;
  limit: number;
}

export interface HelpfulnessCount {
  articleId: string;
  language: string;
  day: string;
  helpful: number;
  notHelpful: number;
}
