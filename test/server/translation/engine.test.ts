/**
 * The engine adapters' request and response mapping. Each runs against a tiny HTTP server in the
 * test that records the request and answers with a response recorded from the engine's documented
 * API: Apertium APY (recorded from apertium-apy 0.11.7 with apertium-eng-spa 0.8.1, Debian bookworm) and LibreTranslate
 * (the examples of docs.libretranslate.com, "API usage"; no LibreTranslate runs in CI).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apertiumEngine, libreTranslateEngine, TranslationEngineError } from '../../../src/server/translation/engine';

interface Recorded {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

/** Answers each path with its canned status and JSON body, and keeps what it was asked. */
function cannedServer() {
  const requests: Recorded[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      requests.push({ method: request.method ?? '', path, contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.get(path) ?? { status: 404, body: { error: 'Not Found' } };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    answers.clear();
  });
  return { requests, answers, url: () => url };
}

const signal = () => AbortSignal.timeout(5000);

describe('Apertium APY adapter', () => {
  const apy = cannedServer();

  it('posts the pair in ISO 639-3 and the text as a form, without unknown-word marks, and reads translatedText', async () => {
    apy.answers.set('/translate', { status: 200, body: { responseData: { translatedText: 'Hola Mundo' }, responseDetails: null, responseStatus: 200 } });
    const text = await apertiumEngine(`${apy.url()}/`).translate('Hello world & more', { from: 'en', to: 'es' }, signal());
    expect(text).toBe('Hola Mundo');
    expect(apy.requests).toHaveLength(1);
    const [request] = apy.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/translate', contentType: 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({ langpair: 'eng|spa', q: 'Hello world & more', markUnknown: 'no' });
  });

  it('fails on a pair that is not installed (HTTP 400) and on a language it has no name for', async () => {
    apy.answers.set('/translate', { status: 400, body: { status: 'error', code: 400, message: 'Bad Request', explanation: 'That pair is not installed' } });
    const engine = apertiumEngine(apy.url());
    await expect(engine.translate('x', { from: 'en', to: 'fr' }, signal())).rejects.toBeInstanceOf(TranslationEngineError);
    await expect(engine.translate('x', { from: 'en', to: 'xx' }, signal())).rejects.toThrow(/no Apertium name/);
    expect(apy.requests).toHaveLength(1);
  });

  it('lists its pairs in ISO 639-1, leaving out variants it cannot name', async () => {
    apy.answers.set('/listPairs', {
      status: 200,
      body: {
        responseData: [
          { sourceLanguage: 'rus', targetLanguage: 'bel' },
          { sourceLanguage: 'bel', targetLanguage: 'rus' },
          { sourceLanguage: 'spa', targetLanguage: 'eng' },
          { sourceLanguage: 'spa', targetLanguage: 'eng_US' },
          { sourceLanguage: 'eng', targetLanguage: 'spa' },
        ],
        responseDetails: null,
        responseStatus: 200,
      },
    });
    expect(await apertiumEngine(apy.url()).pairs(signal())).toEqual([
      { from: 'ru', to: 'be' },
      { from: 'be', to: 'ru' },
      { from: 'es', to: 'en' },
      { from: 'en', to: 'es' },
    ]);
  });
});

describe('LibreTranslate adapter, against its documented HTTP contract', () => {
  const libre = cannedServer();

  it('posts JSON {q, source, target, format, api_key} and reads translatedText', async () => {
    libre.answers.set('/translate', { status: 200, body: { translatedText: '¡Hola!' } });
    const text = await libreTranslateEngine(libre.url(), 'secret-key').translate('Hello!', { from: 'en', to: 'es' }, signal());
    expect(text).toBe('¡Hola!');
    const [request] = libre.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/translate', contentType: 'application/json' });
    expect(JSON.parse(request!.body)).toEqual({ q: 'Hello!', source: 'en', target: 'es', format: 'text', api_key: 'secret-key' });
  });

  it('sends no api_key when none is configured', async () => {
    libre.answers.set('/translate', { status: 200, body: { translatedText: 'Dzień dobry' } });
    await libreTranslateEngine(libre.url(), undefined).translate('Good morning', { from: 'en', to: 'pl' }, signal());
    expect(JSON.parse(libre.requests[0]!.body)).toEqual({ q: 'Good morning', source: 'en', target: 'pl', format: 'text' });
  });

  it.each([
    [400, { error: "Invalid request: missing q parameter" }],
    [403, { error: 'Visit https://portal.libretranslate.com to get an API key' }],
    [429, { error: 'Too many request limits violations' }],
    [500, { error: 'Cannot translate text: internal error' }],
  ])('fails with the engine’s reason on HTTP %i', async (status, body) => {
    libre.answers.set('/translate', { status, body });
    await expect(libreTranslateEngine(libre.url(), undefined).translate('x', { from: 'en', to: 'uk' }, signal())).rejects.toThrow(body.error);
  });

  it('lists pairs from /languages: each code to each of its targets', async () => {
    libre.answers.set('/languages', {
      status: 200,
      body: [
        { code: 'en', name: 'English', targets: ['pl', 'uk'] },
        { code: 'pl', name: 'Polish', targets: ['en'] },
      ],
    });
    expect(await libreTranslateEngine(libre.url(), undefined).pairs(signal())).toEqual([
      { from: 'en', to: 'pl' },
      { from: 'en', to: 'uk' },
      { from: 'pl', to: 'en' },
    ]);
  });
});
