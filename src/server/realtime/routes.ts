import type { FastifyInstance } from 'fastify';
import { WEBSOCKET_PATH } from '../../shared/protocol';
import { SocketSession, type SocketDeps } from './socket-session';

/** Frames larger than this close the socket (1009); the message length limit is far below it. */
const MAX_FRAME_BYTES = 128 * 1024;
const HEARTBEAT_MS = 30_000;

/** `host` is the public one: behind a trusted proxy Fastify takes it from X-Forwarded-Host. */
function isSameOrigin(origin: string | undefined, host: string): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function realtimeRoutes(app: FastifyInstance, deps: SocketDeps): Promise<void> {
  await app.register(import('@fastify/websocket'), { options: { maxPayload: MAX_FRAME_BYTES } });

  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    // A staff cookie is honoured only from our own pages (cross-site WebSocket hijacking).
    const staffToken = isSameOrigin(request.headers.origin, request.host)
      ? request.cookies[deps.directory.staffSessionCookie]
      : undefined;
    new SocketSession(socket, deps, request.log, staffToken);
  });

  // Sockets whose peer vanished without a close (a phone losing signal) are found and dropped.
  const alive = new WeakSet<object>();
  const timer = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  app.websocketServer.on('connection', (client) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
