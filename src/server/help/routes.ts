import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UiLanguage } from '../../shared/languages';
import { HELP_PAGE_ROUTES, HELP_ROUTES, helpSlugSchema } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { parseBody } from '../http';
import { pageLanguage } from '../pages/language';
import type { TopicService } from '../topics/service';
import { HELP_STYLES, helpLanguages, renderHelpArticle, renderHelpIndex, type HelpTopicGroup } from './pages';
import { helpArticleUrl, type HelpPage, type HelpService } from './service';
import type { PublishedHelpVersion } from './types';

export interface HelpRouteOptions {
  auth: AuthService;
  help: HelpService;
  topics: TopicService;
  desk: Desk;
}

const SEARCH_PAGE_RESULTS = 10;

export async function helpRoutes(app: FastifyInstance, options: HelpRouteOptions): Promise<void> {
  const { auth, help, topics, desk } = options;
  const languages = helpLanguages(desk.languages);
  const languageOf = (request: FastifyRequest) => pageLanguage(request, { languages: [...languages], defaultLanguage: desk.defaultLanguage });

  // The feedback form is a plain HTML form (it works without JavaScript).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  serve(app, HELP_ROUTES.search, {}, async ({ query }) => ({ articles: await help.search(query) }));

  serve(app, HELP_ROUTES.article, {}, async ({ query }, request) => {
    const article = await pageAt(request.params, query.language);
    const version = article.version;
    return {
      topic: article.topic,
      topicName: await topics.name(desk.id, article.topic, query.language),
      slug: article.slug,
      language: version.language as UiLanguage,
      title: version.title,
      fallback: article.fallback,
      reviewedOn: version.reviewed_on,
      html: version.body_html,
      url: helpArticleUrl(article, version.language),
    };
  });

  serve(app, HELP_ROUTES.list, { auth }, async () => ({ articles: await help.list() }));
  serve(app, HELP_ROUTES.create, { auth }, async ({ body }, request) => help.create(body, signedInStaff(request)));
  serve(app, HELP_ROUTES.update, { auth }, async ({ body }, request) => help.update(request.params.id, body, signedInStaff(request)));
  serve(app, HELP_ROUTES.remove, { auth }, async (_input, request) => help.delete(request.params.id, signedInStaff(request)));
  serve(app, HELP_ROUTES.exportMarkdown, { auth }, async () => help.exportMarkdown());
  serve(app, HELP_ROUTES.importMarkdown, { auth }, async ({ body }, request) => help.importMarkdown(body, signedInStaff(request)));

  const sendHtml = (reply: FastifyReply, html: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);

  serve(app, HELP_PAGE_ROUTES.style, {}, async (_input, _request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HELP_STYLES),
  );

  serve(app, HELP_PAGE_ROUTES.index, {}, async ({ query }, request, reply) => {
    const language = languageOf(request);
    const published = await help.published();
    const q = query.q?.trim();
    const results = q ? (await help.search({ q, language, limit: SEARCH_PAGE_RESULTS })).map((link) => published.find((version) => version.articleId === link.articleId && version.language === link.language)!) : undefined;
    const groups = await topicGroups(published, language);
    return sendHtml(reply, renderHelpIndex({ language, languages, query: q }, groups, results));
  });

  serve(app, HELP_PAGE_ROUTES.article, {}, async ({ query }, request, reply) => {
    const language = languageOf(request);
    const article = await pageAt(request.params, language);
    const topicName = await topics.name(desk.id, article.topic, language);
    return sendHtml(reply, renderHelpArticle({ language, languages }, article, topicName, query.thanks !== undefined));
  });

  serve(app, HELP_PAGE_ROUTES.feedback, { config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async ({ body }, request, reply) => {
    const article = await pageAt(request.params, body.language);
    await help.recordFeedback(article.articleId, article.version.language as UiLanguage, body.helpful === 'yes');
    return reply.redirect(`/help/${article.topic}/${article.slug}?lang=${body.language}&thanks=1`, 303);
  });

  /** The article at /help/<topic>/<slug>, in `language` or the office's default one. */
  async function pageAt(place: { topic: string; slug: string }, language: UiLanguage): Promise<HelpPage> {
    const article = await help.page(parseBody(helpSlugSchema, place.slug), language, desk.defaultLanguage);
    if (!article || article.topic !== place.topic) throw new AppError('help_article_not_found');
    return article;
  }

  /** The visitor's language's version of each article, else the default language's, under the desk's topics in their order. */
  async function topicGroups(published: PublishedHelpVersion[], language: UiLanguage): Promise<HelpTopicGroup[]> {
    const chosen = new Map<string, PublishedHelpVersion>();
    for (const version of published) {
      const current = chosen.get(version.articleId);
      if (!current || rank(version.language, language) < rank(current.language, language)) chosen.set(version.articleId, version);
    }
    const deskTopics = (await topics.list(desk.id)).map((topic) => topic.id);
    const topicIds = [...new Set([...chosen.values()].map((version) => version.topic))].sort((a, b) => topicOrder(deskTopics, a) - topicOrder(deskTopics, b));
    return Promise.all(
      topicIds.map(async (topic) => ({
        name: await topics.name(desk.id, topic, language),
        articles: [...chosen.values()].filter((version) => version.topic === topic),
      })),
    );
  }

  function rank(versionLanguage: string, language: UiLanguage): number {
    if (versionLanguage === language) return 0;
    return versionLanguage === desk.defaultLanguage ? 1 : 2;
  }
}

function topicOrder(deskTopics: string[], topic: string): number {
  const position = deskTopics.indexOf(topic);
  return position === -1 ? deskTopics.length : position;
}
