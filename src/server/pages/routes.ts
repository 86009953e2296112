/**
 * The built browser apps (dist/web). The visitor page's `<html lang>` is set per request from
 * ?lang= or Accept-Language, so screen readers and translation tools get it right before any
 * script runs. What the page's script would otherwise ask for only once it has arrived and run comes
 * with the page or beside the script: the desk info inside the page, the strings of that language
 * hinted in its head. On a slow line each such wait is a round trip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DESK_INFO_ELEMENT_ID, type DeskInfo } from '../../shared/desk-protocol';
import type { UiLanguage } from '../../shared/languages';
import { VISITOR_PAGE_NAMESPACES } from '../../shared/locales';
import type { Desk } from '../desks/desk';
import { pageLanguage } from './language';

export interface PageOptions {
  staticDir: string;
  desk: Desk;
  linkPreview: (language: UiLanguage) => Promise<string>;
  deskInfo: () => Promise<DeskInfo>;
}

export async function pageRoutes(app: FastifyInstance, options: PageOptions): Promise<void> {
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
    // The build wrote x.js.br and x.js.gz beside x.js (scripts/precompress.ts); sent as the browser accepts.
    preCompressed: true,
    // Vite fingerprints the assets, so they may be cached for good.
    setHeaders: (reply, path) => {
      if (path.includes('/assets/')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });

  const html = (page: string, language: UiLanguage) => page.replace(/<html lang="[a-z-]*"/, `<html lang="${language}"`);
  const hints = firstLoadHints(root);

  // The title and the link preview (the office's, from its module) in the page's language.
  const serveVisitorPage = async (request: FastifyRequest<{ Querystring: { lang?: string } }>, reply: FastifyReply) => {
    const language = pageLanguage(request, options.desk);
    const [meta, info] = await Promise.all([options.linkPreview(language), options.deskInfo()]);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-language')
      .send(
        html(visitorPage, language)
          // Replacer functions: a string would expand `$&`, `$'`… in the office's own texts.
          .replace(/<title>[^<]*<\/title>/, () => meta)
          .replace('</head>', () => `${hints(language)}</head>`)
          .replace('</body>', () => `${inlineJson(DESK_INFO_ELEMENT_ID, info)}</body>`),
      );
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

interface ManifestChunk {
  file: string;
  src?: string;
}

/**
 * The `<link>`s that fetch the chunks of `language`'s first-screen strings beside the page's script,
 * found in the visitor build's manifest (none without one, as in a test's hand-made directory).
 */
function firstLoadHints(root: string): (language: UiLanguage) => string {
  const manifestPath = join(root, '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const strings = new Map<string, string[]>();
  for (const chunk of Object.values(manifest)) {
    const match = /shared\/locales\/([a-z-]+)\/([a-z]+)\.json$/.exec(chunk.src ?? '');
    if (!match || !(VISITOR_PAGE_NAMESPACES as readonly string[]).includes(match[2]!)) continue;
    strings.set(match[1]!, [...(strings.get(match[1]!) ?? []), chunk.file]);
  }
  return (language) => (strings.get(language) ?? []).map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
}

/** A JSON data block (never run, so the CSP allows it); `<` escaped, so no text in it can close the element. */
function inlineJson(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}
