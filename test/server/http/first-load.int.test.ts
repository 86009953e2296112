/**
 * What a phone on a slow line gets on its first load (issue 17): the built scripts as the brotli or
 * gzip copies the build wrote, cached for good; the page itself compressed, never cached, carrying
 * the desk info and hinting the strings of its language; answers too small to gain left alone.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { precompressFiles } from '../../../scripts/precompress';
import { chooseEncoding } from '../../../src/server/compression';
import { DESK_INFO_ELEMENT_ID, DESK_ROUTES } from '../../../src/shared/desk-protocol';
import { serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i % 37}`))};\n`;

/** A built-looking static directory: the page, a script with its compressed copies, a manifest naming the strings' chunks. */
async function builtApps(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'ek-first-load-'));
  const page = '<!doctype html><html lang="pl"><head><title>t</title><script type="module" src="/assets/visitor-abc.js"></script></head><body><div id="app"></div></body></html>';
  for (const dir of ['', 'console', 'admin']) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'index.html'), page);
  }
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'visitor-abc.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'tiny-abc.js'), 'export {};\n');
  await precompressFiles(root, ['assets/visitor-abc.js', 'assets/tiny-abc.js']);
  mkdirSync(join(root, '.vite'));
  const chunk = (language: string, namespace: string) => ({ file: `assets/${namespace}-${language}1.js`, src: `../shared/locales/${language}/${namespace}.json`, isDynamicEntry: true });
  const manifest = Object.fromEntries(
    ['pl', 'uk'].flatMap((language) => ['common', 'visitor', 'console'].map((namespace) => [`../shared/locales/${language}/${namespace}.json`, chunk(language, namespace)])),
  );
  writeFileSync(join(root, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return root;
}

describe('choosing the encoding', () => {
  it('prefers brotli, falls back to gzip, and honours a refusal', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('*')).toBe('gzip');
  });
});

const staticDir = await builtApps();

describe.each(databaseTargets)('the first load on $engine', (target) => {
  const suiteServer = serverForSuite(target, { STATIC_DIR: staticDir, LANGUAGES: 'pl,uk' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);

  it('sends a script as the copy the browser accepts, cached for good, and as it is to one that accepts none', async () => {
    const br = await inject({ method: 'GET', url: '/assets/visitor-abc.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gzip = await inject({ method: 'GET', url: '/assets/visitor-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);

    const plain = await inject({ method: 'GET', url: '/assets/visitor-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('keeps no compressed copy of a file too small to gain from one', async () => {
    const tiny = await inject({ method: 'GET', url: '/assets/tiny-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export {};\n');
  });

  it('sends the page compressed and never cached, with the desk info inside and its language\'s strings hinted', async () => {
    const page = await inject({ method: 'GET', url: '/?lang=uk', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = brotliDecompressSync(page.rawPayload).toString();
    expect(html).toContain('<html lang="uk"');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/common-uk1.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/visitor-uk1.js">');
    expect(html).not.toContain('console-uk1.js');
    expect(html).not.toContain('-pl1.js');

    const block = new RegExp(`<script type="application/json" id="${DESK_INFO_ELEMENT_ID}">(.*?)</script>`).exec(html);
    const inline = DESK_ROUTES.info.response.parse(JSON.parse(block![1]!));
    const fetched = await inject({ method: 'GET', url: DESK_ROUTES.info.path });
    expect(inline).toEqual(fetched.json());
  });

  it('keeps text in the desk info from closing its block', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const named = await inject({
      method: 'PUT',
      url: '/api/admin/topics/work',
      headers: { cookie: admin.cookie },
      payload: { names: { pl: 'Praca </script><script>alert(1)</script>', uk: 'Робота' } },
    });
    expect(named.statusCode).toBe(200);
    const html = (await inject({ method: 'GET', url: '/' })).body;
    expect(html).not.toContain('</script><script>alert(1)');
    const block = new RegExp(`<script type="application/json" id="${DESK_INFO_ELEMENT_ID}">(.*?)</script>`).exec(html);
    expect(JSON.parse(block![1]!).topicNames.work.pl).toBe('Praca </script><script>alert(1)</script>');
  });

  it('keeps `$` patterns in the desk info as typed, the page whole', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const name = "Praca $' $& $` $$ $1";
    const named = await inject({ method: 'PUT', url: '/api/admin/topics/work', headers: { cookie: admin.cookie }, payload: { names: { pl: name, uk: 'Робота' } } });
    expect(named.statusCode).toBe(200);
    const html = (await inject({ method: 'GET', url: '/' })).body;
    expect(html.match(/<\/html>/g)).toHaveLength(1);
    const block = new RegExp(`<script type="application/json" id="${DESK_INFO_ELEMENT_ID}">(.*?)</script>`).exec(html);
    expect(JSON.parse(block![1]!).topicNames.work.pl).toBe(name);
  });

  it('compresses a JSON answer for a browser that accepts it and leaves small ones as they are', async () => {
    const desk = await inject({ method: 'GET', url: DESK_ROUTES.info.path, headers: { 'accept-encoding': 'gzip' } });
    expect(desk.headers['content-encoding']).toBe('gzip');
    expect(desk.headers.vary).toMatch(/accept-encoding/i);
    const plain = await inject({ method: 'GET', url: DESK_ROUTES.info.path });
    expect(JSON.parse(gunzipSync(desk.rawPayload).toString())).toEqual(plain.json());
    expect(plain.headers['content-encoding']).toBeUndefined();

    const health = await inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'br' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json().status).toBe('ok');
  });
});
