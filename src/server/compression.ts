/**
 * Answers built per request (the pages' HTML, JSON such as /api/desk, which a first load waits for)
 * compressed for browsers that accept it: on a slow line the bytes are the wait. The built scripts
 * and styles are not compressed here: the build wrote their brotli and gzip copies
 * (scripts/precompress.ts), which the static files route sends as they are.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Below about one packet, compression saves no round trip. */
const MIN_BYTES = 1024;
const COMPRESSIBLE_TYPE = /^(text\/html|application\/(problem\+)?json)\b/;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = 'br' | 'gzip';

/** The encoding to use for an Accept-Encoding header: brotli if accepted, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (name && !refused) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

function compress(payload: string | Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(payload, { level: 6 });
  // Quality 5: most of brotli's gain at a fraction of the top level's CPU, which a request cannot afford.
  return brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
}

function addVary(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : '';
  if (!/accept-encoding/i.test(current)) void reply.header('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

async function compressAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: files, which are compressed already or not compressible
  if (reply.statusCode === 204 || reply.statusCode === 304 || reply.hasHeader('content-encoding')) return payload;
  if (!COMPRESSIBLE_TYPE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  if (Buffer.byteLength(payload) < MIN_BYTES) return payload;
  addVary(reply);
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (!encoding) return payload;
  const compressed = await compress(payload, encoding);
  void reply.header('content-encoding', encoding);
  void reply.removeHeader('content-length');
  return compressed;
}

export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => compressAnswer(request, reply, payload));
}
