/**
 * The built browser apps (dist/web). The visitor page's `<html lang>` is set per request from
 * ?lang= or Accept-Language, so screen readers and translation tools get it right before any
 * script runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUiLanguage, negotiateLanguage, parseAcceptLanguage, type UiLanguage } from '../../shared/languages';
import type { Desk } from '../desks/desk';

/** The visitor page's language: ?lang= when the desk offers it, else the browser's preference. */
export function pageLanguage(request: FastifyRequest, desk: Pick<Desk, 'languages' | 'defaultLanguage'>): UiLanguage {
  const requested = (request.query as { lang?: unknown }).lang;
  if (isUiLanguage(requested) && desk.languages.includes(requested)) return requested;
  return negotiateLanguage(parseAcceptLanguage(request.headers['accept-language']), desk.languages, desk.defaultLanguage);
}

export async function pageRoutes(app: FastifyInstance, options: { staticDir: string; desk: Desk }): Promise<void> {
  const root = resolve(options.staticDir);
  const visitorHtml = join(root, 'index.html');
  if (!existsSync(visitorHtml)) {
    app.log.warn({ root }, 'the browser apps are not built (run `npm run build`); only the API is served');
    return;
  }
  const visitorPage = readFileSync(visitorHtml, 'utf8');
  const consolePage = readFileSync(join(root, 'console', 'index.html'), 'utf8');
  const adminPage = readFileSync(join(root, 'admin', 'index.html'), 'utf8');

  await app.register(fastifyStatic, {
    root,
    index: false,
    wildcard: false,
    // Vite fingerprints the assets, so they may be cached for good.
    setHeaders: (reply, path) => {
      if (path.includes('/assets/')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });

  const html = (page: string, language: UiLanguage) => page.replace(/<html lang="[a-z-]*"/, `<html lang="${language}"`);

  const serveVisitorPage = async (request: FastifyRequest<{ Querystring: { lang?: string } }>, reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-language')
      .send(html(visitorPage, pageLanguage(request, options.desk)));
  app.get('/', serveVisitorPage);
  // A booking's private link, /booking#<token>: the token stays in the fragment, out of logs and Referer.
  app.get('/booking', serveVisitorPage);
  // A left message's private page, /message#<token>, likewise.
  app.get('/message', serveVisitorPage);
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(consolePage),
  );
  app.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(adminPage),
  );
}
