/**
 * The knowledge base (src/server/help): the visitor's suggestions, the consultant's article
 * search, the /admin editor and its Markdown import/export, and the server-rendered help pages.
 */
import * as z from 'zod/mini';
import { languageSchema, topicIdSchema } from '../desk-protocol';
import { defineRoute, FILE } from './contract';

/** Where an article lives: /help/<topic>/<slug>. */
export const helpSlugSchema = z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/));

export const HELP_STATUSES = ['draft', 'published'] as const;
const helpStatusSchema = z.enum(HELP_STATUSES);

/** A published article as a link: a suggestion, a search result, a card in the chat. */
const helpArticleLinkSchema = z.object({
  articleId: z.uuid(),
  language: languageSchema,
  title: z.string(),
  /** The article's page, in its language. */
  url: z.string(),
});
export type HelpArticleLink = z.infer<typeof helpArticleLinkSchema>;

const helpSearchQuerySchema = z.object({
  q: z.string().check(z.maxLength(200)),
  language: languageSchema,
  topic: z.optional(topicIdSchema),
  /** 3 for the visitor's suggestions (the default), more for the console's search. */
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10))),
});
const helpSearchResultSchema = z.object({ articles: z.array(helpArticleLinkSchema) });
export type HelpSearchResult = z.infer<typeof helpSearchResultSchema>;

/** An article to show inside the visitor's chat: its card (title, topic) and its sanitised body. */
const helpArticleViewSchema = z.object({
  topic: topicIdSchema,
  topicName: z.string(),
  slug: helpSlugSchema,
  language: languageSchema,
  title: z.string(),
  /** Shown in the office's default language because the asked one has no published version. */
  fallback: z.boolean(),
  reviewedOn: z.nullable(z.string()),
  /** Rendered from the safe Markdown subset and sanitised on the server. */
  html: z.string(),
  url: z.string(),
});
export type HelpArticleView = z.infer<typeof helpArticleViewSchema>;

const helpArticleViewQuerySchema = z.object({ language: languageSchema });

const reviewedOnSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const helpVersionInputSchema = z.object({
  language: languageSchema,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  body: z.string().check(z.maxLength(50_000)),
  status: helpStatusSchema,
  reviewer: z.nullable(z.string().check(z.trim(), z.maxLength(120))),
  reviewedOn: z.nullable(reviewedOnSchema),
});
export type HelpVersionInput = z.infer<typeof helpVersionInputSchema>;

const helpArticleInputSchema = z.object({
  topic: topicIdSchema,
  slug: helpSlugSchema,
  versions: z.array(helpVersionInputSchema).check(z.minLength(1), z.maxLength(20)),
});
export type HelpArticleInput = z.infer<typeof helpArticleInputSchema>;

const helpVersionSchema = z.extend(helpVersionInputSchema, {
  updatedAt: z.iso.datetime(),
  /** Another language version's title or text changed after this one's. */
  needsReview: z.boolean(),
});
export type HelpVersion = z.infer<typeof helpVersionSchema>;

const helpArticleSchema = z.object({
  id: z.uuid(),
  topic: topicIdSchema,
  slug: helpSlugSchema,
  /** A shipped starter article nobody has saved yet. */
  example: z.boolean(),
  versions: z.array(helpVersionSchema),
});
export type HelpArticle = z.infer<typeof helpArticleSchema>;
const helpArticleListSchema = z.object({ articles: z.array(helpArticleSchema) });
export type HelpArticleList = z.infer<typeof helpArticleListSchema>;

/** One Markdown file with front matter per article and language, e.g. `work/permits.pl.md`. */
const helpMarkdownFileSchema = z.object({
  name: z.string().check(z.maxLength(200)),
  content: z.string().check(z.maxLength(60_000)),
});
const helpMarkdownFilesSchema = z.object({ files: z.array(helpMarkdownFileSchema).check(z.maxLength(20_000)) });
export type HelpMarkdownFiles = z.infer<typeof helpMarkdownFilesSchema>;
const helpImportResultSchema = z.object({ created: z.number(), updated: z.number() });

const helpPageQuerySchema = z.object({
  lang: z.optional(z.string()),
  q: z.optional(z.string().check(z.maxLength(200))),
  thanks: z.optional(z.string()),
});
const helpFeedbackFormSchema = z.object({
  language: languageSchema,
  helpful: z.enum(['yes', 'no']),
});

export const HELP_ROUTES = {
  search: defineRoute({ method: 'GET', path: '/api/help/search', auth: 'none', query: helpSearchQuerySchema, response: helpSearchResultSchema }),
  article: defineRoute({ method: 'GET', path: '/api/help/articles/:topic/:slug', auth: 'none', query: helpArticleViewQuerySchema, response: helpArticleViewSchema }),
  list: defineRoute({ method: 'GET', path: '/api/admin/help/articles', auth: 'admin', response: helpArticleListSchema }),
  create: defineRoute({ method: 'POST', path: '/api/admin/help/articles', auth: 'admin', body: helpArticleInputSchema, response: helpArticleSchema, status: 201 }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/help/articles/:id', auth: 'admin', body: helpArticleInputSchema, response: helpArticleSchema }),
  remove: defineRoute({ method: 'DELETE', path: '/api/admin/help/articles/:id', auth: 'admin', response: null }),
  exportMarkdown: defineRoute({ method: 'GET', path: '/api/admin/help/export', auth: 'admin', response: helpMarkdownFilesSchema }),
  importMarkdown: defineRoute({ method: 'POST', path: '/api/admin/help/import', auth: 'admin', body: helpMarkdownFilesSchema, response: helpImportResultSchema }),
};

/** The visitor's help pages: HTML rendered on the server, working without JavaScript. */
export const HELP_PAGE_ROUTES = {
  index: defineRoute({ method: 'GET', path: '/help', auth: 'none', query: helpPageQuerySchema, response: FILE }),
  style: defineRoute({ method: 'GET', path: '/help/help.css', auth: 'none', response: FILE }),
  article: defineRoute({ method: 'GET', path: '/help/:topic/:slug', auth: 'none', query: helpPageQuerySchema, response: FILE }),
  feedback: defineRoute({ method: 'POST', path: '/help/:topic/:slug/feedback', auth: 'none', body: helpFeedbackFormSchema, response: FILE }),
};
