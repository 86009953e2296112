/**
 * The real Apertium APY the translation tests run against (TEST_APERTIUM_URL, started by .ci/run
 * with the English–Spanish and Belarusian–Russian pairs), and a small logging proxy in front of it:
 * the tests read what reached the engine, make it slow, or take it down.
 * In CI (CI=true) a missing TEST_APERTIUM_URL is an error, not a skip.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const apertiumUrl = process.env.TEST_APERTIUM_URL?.replace(/\/$/, '');

if (!apertiumUrl) {
  if (process.env.CI) throw new Error('TEST_APERTIUM_URL must be set in CI: the machine translation tests may not be skipped.');
  console.warn('[translation] TEST_APERTIUM_URL is not set (e.g. apertium-apy -p 2737 /usr/share/apertium/modes): the tests through the real Apertium are skipped.');
}

export interface EngineRequest {
  path: string;
  /** The form fields (`langpair`, `q`) of a translation request. */
  fields: Record<string, string>;
}

export interface LoggingProxy {
  url: string;
  /** Every request that reached the proxy, in order (also those it did not pass on). */
  readonly requests: EngineRequest[];
  /** Holds each answer this long before passing it on. */
  delayMs: number;
  /** Down: every connection is cut at once, as a stopped engine's would be refused. */
  down: boolean;
  /** The translation requests' texts. */
  texts(): string[];
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLoggingProxy(target: string): Promise<LoggingProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const url = new URL(request.url ?? '/', target);
    const fields = Object.fromEntries(new URLSearchParams(body || url.search));
    proxy.requests.push({ path: url.pathname, fields });
    if (proxy.down) {
      request.socket.destroy();
      return;
    }
    if (proxy.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, proxy.delayMs));
    try {
      const answer = await fetch(`${target}${url.pathname}${url.search}`, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        ...(request.method === 'POST' && { body }),
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(await answer.text());
    } catch {
      request.socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: LoggingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    delayMs: 0,
    down: false,
    texts: () => proxy.requests.filter((r) => r.path === '/translate').map((r) => r.fields.q ?? ''),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
