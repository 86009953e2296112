/**
 * The office's answers: articles per topic in every desk language, drafted and published in
 * /admin (each change audited), found by visitors and consultants through search, shown on the
 * server-rendered help pages, and counted when a visitor says whether one helped.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { UiLanguage } from '../../shared/languages';
import type { HelpArticle, HelpArticleInput, HelpArticleLink, HelpMarkdownFiles, HelpVersionInput } from '../../shared/protocol';
import { HELP_STATUSES, helpSlugSchema, languageSchema, topicIdSchema } from '../../shared/protocol';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { fromMarkdownFile, toMarkdownFile } from './front-matter';
import { renderArticleMarkdown } from './markdown';
import type { HelpRepository } from './repository';
import { queryStems, searchText } from './search-text';
import type { HelpArticleRecord, HelpfulnessCount, NewHelpVersion, PublishedHelpVersion, StoredHelpVersion } from './types';

export const SUGGESTION_COUNT = 3;
/** Shorter words ("na", "як", "do") say little about the question when not all words must match. */
const TELLING_STEM = 3;

/** A period of days, inclusive, as YYYY-MM-DD. */
export interface HelpPeriod {
  from: string;
  to: string;
}

/** The article a help page shows, and whether it is in another language than asked for. */
export interface HelpPage {
  topic: string;
  slug: string;
  articleId: string;
  version: StoredHelpVersion;
  fallback: boolean;
}

const importedVersionSchema = z.object({
  topic: topicIdSchema,
  slug: helpSlugSchema,
  language: languageSchema,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  body: z.string().check(z.maxLength(50_000)),
  status: z.enum(HELP_STATUSES),
  reviewer: z._default(z.nullable(z.string()), null),
  reviewedOn: z._default(z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), null),
});

export class HelpService {
  constructor(
    private readonly repository: HelpRepository,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly clock: Clock,
    private readonly deskId: string,
  ) {}

  /**
   * Published articles in `language` holding every word of the query, title matches first; when
   * those are fewer than asked for, then articles holding some of its longer words — a visitor's
   * question has words no article has ("how do I…").
   */
  async search(query: { q: string; language: UiLanguage; topic?: string; limit?: number }): Promise<HelpArticleLink[]> {
    const stems = queryStems(query.q);
    const search = { deskId: this.deskId, language: query.language, stems, topic: query.topic, limit: query.limit ?? SUGGESTION_COUNT };
    const found = await this.repository.search(search);
    const telling = stems.filter((stem) => stem.length >= TELLING_STEM);
    if (found.length < search.limit && telling.length > 1) {
      const more = await this.repository.search({ ...search, stems: telling, match: 'any' });
      found.push(...more.filter((version) => !found.some((known) => known.articleId === version.articleId)).slice(0, search.limit - found.length));
    }
    return found.map(toLink);
  }

  /** Every published version, for the help index (the pages pick the visitor's language). */
  published(): Promise<PublishedHelpVersion[]> {
    return this.repository.listPublished(this.deskId);
  }

  /** The article in `language`, else in the office's default language, else in any published one. */
  async page(slug: string, language: UiLanguage, defaultLanguage: UiLanguage): Promise<HelpPage | undefined> {
    const record = await this.repository.findBySlug(this.deskId, slug);
    const published = record?.versions.filter((version) => version.status === 'published') ?? [];
    const version =
      published.find((candidate) => candidate.language === language) ??
      published.find((candidate) => candidate.language === defaultLanguage) ??
      published[0];
    if (!record || !version) return undefined;
    return { topic: record.article.topic_id, slug, articleId: record.article.id, version, fallback: version.language !== language };
  }

  /** One visitor's "did this answer your question?", counted for the article, language and day. */
  async recordFeedback(articleId: string, language: UiLanguage, helpful: boolean): Promise<void> {
    await this.repository.addFeedback(articleId, language, this.clock.now().toISOString().slice(0, 10), helpful);
  }

  /** The counts per article, language and day in the period, for the reports. */
  helpfulnessCounts(period: HelpPeriod): Promise<HelpfulnessCount[]> {
    return this.repository.feedback(this.deskId, period.from, period.to);
  }

  async list(): Promise<HelpArticle[]> {
    return (await this.repository.list(this.deskId)).map(toHelpArticle);
  }

  async create(input: HelpArticleInput, admin: AuditActor | null): Promise<HelpArticle> {
    await this.assertSlugFree(input.slug);
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    const versions = uniqueLanguages(input.versions).map((version) => this.storedVersion(id, version, undefined, now));
    await this.repository.insert([{ article: { id, desk_id: this.deskId, topic_id: input.topic, slug: input.slug, example: 0, created_at: now }, versions }]);
    await this.record(admin, id, { change: 'created', slug: input.slug, languages: versions.map((version) => version.language) });
    return toHelpArticle((await this.repository.find(this.deskId, id))!);
  }

  /** Saves the article as the editor shows it: every language version side by side. */
  async update(id: string, input: HelpArticleInput, admin: AuditActor | null): Promise<HelpArticle> {
    const existing = await this.repository.find(this.deskId, id);
    if (!existing) throw new AppError('help_article_not_found');
    if (input.slug !== existing.article.slug) await this.assertSlugFree(input.slug);
    const now = this.clock.now().toISOString();
    const versions = uniqueLanguages(input.versions).map((version) =>
      this.storedVersion(id, version, existing.versions.find((stored) => stored.language === version.language), now),
    );
    await this.repository.replace(existing.article, { topic_id: input.topic, slug: input.slug, example: 0 }, versions);
    await this.record(admin, id, { change: 'updated', slug: input.slug, languages: versions.map((version) => version.language) });
    return toHelpArticle((await this.repository.find(this.deskId, id))!);
  }

  async delete(id: string, admin: AuditActor | null): Promise<void> {
    if (!(await this.repository.delete(this.deskId, id))) throw new AppError('help_article_not_found');
    await this.record(admin, id, { change: 'deleted' });
  }

  /** Every version of every article as a Markdown file with front matter. */
  async exportMarkdown(): Promise<HelpMarkdownFiles> {
    const articles = await this.list();
    const files = articles.flatMap((article) =>
      article.versions.map(({ updatedAt: _updatedAt, needsReview: _needsReview, ...version }) => toMarkdownFile({ topic: article.topic, slug: article.slug, ...version })),
    );
    return { files };
  }

  /** Creates or replaces articles by slug from Markdown files; a bad file refuses the whole import. */
  async importMarkdown(bundle: HelpMarkdownFiles, admin: AuditActor | null): Promise<{ created: number; updated: number }> {
    const inputs = new Map<string, HelpArticleInput>();
    for (const file of bundle.files) {
      const parsed = importedVersionSchema.safeParse(fromMarkdownFile(file));
      if (!parsed.success) throw new AppError('help_import_invalid', `${file.name}: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
      const { topic, slug, ...version } = parsed.data;
      const input = inputs.get(slug) ?? { topic, slug, versions: [] };
      input.versions.push(version);
      inputs.set(slug, input);
    }
    let created = 0;
    for (const input of inputs.values()) {
      const existing = await this.repository.findBySlug(this.deskId, input.slug);
      if (existing) await this.update(existing.article.id, withUnnamedVersions(input, existing), admin);
      else await this.create(input, admin);
      if (!existing) created += 1;
    }
    return { created, updated: inputs.size - created };
  }

  /** Stores the starter set when the desk has no articles yet (a fresh install). */
  async seedExamples(examples: HelpArticleInput[]): Promise<void> {
    if ((await this.repository.count(this.deskId)) > 0) return;
    const now = this.clock.now().toISOString();
    const articles = examples.map((input) => {
      const id = randomUUID();
      return {
        article: { id, desk_id: this.deskId, topic_id: input.topic, slug: input.slug, example: 1, created_at: now },
        versions: input.versions.map((version) => this.storedVersion(id, version, undefined, now)),
      };
    });
    try {
      await this.repository.insert(articles);
    } catch (error) {
      // Instances started together on a fresh database race to seed (one transaction each): the
      // one that lost the unique slug finds the examples stored by the other.
      if ((await this.repository.count(this.deskId)) === 0) throw error;
    }
  }

  private async assertSlugFree(slug: string): Promise<void> {
    if (await this.repository.findBySlug(this.deskId, slug)) throw new AppError('help_slug_taken');
  }

  /** The version as stored; its times move only when something of it changed. */
  private storedVersion(articleId: string, input: HelpVersionInput, stored: StoredHelpVersion | undefined, now: string): NewHelpVersion {
    const contentChanged = !stored || stored.title !== input.title || stored.body !== input.body;
    const changed = contentChanged || stored.status !== input.status || stored.reviewer !== input.reviewer || stored.reviewed_on !== input.reviewedOn;
    return {
      id: stored?.id ?? randomUUID(),
      article_id: articleId,
      language: input.language,
      title: input.title,
      body: input.body,
      body_html: renderArticleMarkdown(input.body),
      status: input.status,
      reviewer: input.reviewer || null,
      reviewed_on: input.reviewedOn,
      content_changed_at: contentChanged ? now : stored.content_changed_at,
      updated_at: changed ? now : stored.updated_at,
      search_title: searchText(input.title),
      search_body: searchText(input.body),
    };
  }

  private async record(admin: AuditActor | null, articleId: string, detail: Record<string, unknown>): Promise<void> {
    await this.audit.record({ deskId: this.deskId, actor: admin, action: 'help.changed', target: { type: 'help_article', id: articleId }, detail });
  }
}

/** The article's page address in a language. */
export function helpArticleUrl(place: { topic: string; slug: string }, language: string): string {
  return `/help/${place.topic}/${place.slug}?lang=${language}`;
}

function toLink(version: PublishedHelpVersion): HelpArticleLink {
  return { articleId: version.articleId, language: version.language as UiLanguage, title: version.title, url: helpArticleUrl(version, version.language) };
}

/** The imported article with the stored versions of languages the import has no file for. */
function withUnnamedVersions(input: HelpArticleInput, existing: HelpArticleRecord): HelpArticleInput {
  const kept = existing.versions.filter((stored) => !input.versions.some((version) => version.language === stored.language));
  return { ...input, versions: [...input.versions, ...kept.map((stored) => toVersionInput(stored))] };
}

function toVersionInput(version: StoredHelpVersion): HelpVersionInput {
  return { language: version.language as UiLanguage, title: version.title, body: version.body, status: version.status, reviewer: version.reviewer, reviewedOn: version.reviewed_on };
}

function uniqueLanguages(versions: HelpVersionInput[]): HelpVersionInput[] {
  const languages = new Set(versions.map((version) => version.language));
  if (languages.size !== versions.length) throw new AppError('validation_failed', 'versions (one per language)');
  return versions;
}

function toHelpArticle({ article, versions }: HelpArticleRecord): HelpArticle {
  return {
    id: article.id,
    topic: article.topic_id,
    slug: article.slug,
    example: article.example === 1,
    versions: versions.map((version) => ({
      ...toVersionInput(version),
      updatedAt: version.updated_at,
      needsReview: versions.some((other) => other.language !== version.language && other.content_changed_at > version.updated_at),
    })),
  };
}
