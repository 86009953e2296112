/**
 * The built browser apps (dist/web). The visitor page's `<html lang>` is set per request from
 * ?lang= or Accept-Language, so screen readers and translation tools get it right before any
 * script runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UiLanguage } from '../../shared/languages';
import type { Desk } from '../desks/desk';
import { pageLanguage } from './language';

export async function pageRoutes(app: FastifyInstance, options: { staticDir: string; desk: Desk; linkPreview: (language: UiLanguage) => Promise<string> }): Promise<void> {
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
    // Source maps would publish the source as written (comments included): built, never served.
    allowedPath: (path) => !path.endsWith('.map'),
    // Vite fingerprints the assets, so they may be cached for good.
    setHeaders: (reply, path) => {
      if (path.includes('/assets/')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });

  const html = (page: string, language: UiLanguage) => page.replace(/<html lang="[a-z-]*"/, `<html lang="${language}"`);

  // The title and the link preview (the office's, from its module) in the page's language.
  const serveVisitorPage = async (request: FastifyRequest<{ Querystring: { lang?: string } }>, reply: FastifyReply) => {
    const language = pageLanguage(request, options.desk);
    const meta = await options.linkPreview(language);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-language')
      .send(html(visitorPage, language).replace(/<title>[^<]*<\/title>/, meta));
  };
  app.get('/', serveVisitorPage);
  // A booking's private link, /booking#<token>: the token stays in the fragment, out of logs and Referer.
  app.get('/booking', serveVisitorPage);
  // A left message's private page, /message#<token>, likewise.
  app.get('/message', serveVisitorPage);
  // A case code's QR link, /continue#<secret>: used once, to take a conversation to this device.
  app.get('/continue', serveVisitorPage);
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(consolePage),
  );
  app.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(adminPage),
  );
}
