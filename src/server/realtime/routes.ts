import type { FastifyInstance } from 'fastify';
import { WEBSOCKET_PATH } from '../../shared/protocol';
import { isOwnOrigin } from '../edge';
import { SocketSession, type SocketDeps } from './socket-session';

/** Frames larger than this close the socket (1009); the message length limit is far below it. */
const MAX_FRAME_BYTES = 128 * 1024;
const HEARTBEAT_MS = 30_000;

export async function realtimeRoutes(app: FastifyInstance, deps: SocketDeps): Promise<void> {
  await app.register(import('@fastify/websocket'), { options: { maxPayload: MAX_FRAME_BYTES } });

  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    // A staff cookie is honoured only from our own pages (cross-site WebSocket hijacking).
    const origin = request.headers.origin;
    const staffToken = origin === undefined || isOwnOrigin(origin, request.host)
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
