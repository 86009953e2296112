/**
 * What every HTTP answer and every state-changing request goes through, whatever its domain:
 * the same-origin check (beyond SameSite cookies: a form or fetch from another site is refused
 * before any handler runs), no caching of API answers, and the browser features pages may use.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** Calls need the camera, microphone and screen of our own pages; nothing needs the rest. */
const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=(self)',
  'fullscreen=(self)',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
].join(', ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `host` is the one the request names (behind a trusted proxy, what it forwarded); `publicUrl` the configured origin. */
export function isOwnOrigin(origin: string, host: string, publicUrl?: string): boolean {
  if (origin === publicUrl) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Browsers say where a request comes from (Sec-Fetch-Site, else Origin); a request that says
 * neither is not a browser's, so no cookie of ours was sent along against its user's will.
 */
function isCrossSite(request: FastifyRequest, publicUrl: string): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite) return fetchSite !== 'same-origin';
  const origin = request.headers.origin;
  return origin !== undefined && !isOwnOrigin(origin, request.host, publicUrl);
}

export function installEdgeChecks(app: FastifyInstance, publicUrl: string): void {
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request, publicUrl)) throw new AppError('forbidden', 'cross-site request');
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('permissions-policy', PERMISSIONS_POLICY);
    // Staff lists and visitors' conversations must not stay in a shared computer's cache.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}
