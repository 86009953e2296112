import type { FastifyInstance } from 'fastify';
import { WEBSOCKET_PATH } from '../../shared/protocol';
import { clientNetwork } from '../client-address';
import { isOwnOrigin } from '../edge';
import { ConnectionCap } from './connection-cap';
import { SocketSession, type SocketDeps } from './socket-session';

/** Frames larger than this close the socket (1009); the message length limit is far below it. */
const MAX_FRAME_BYTES = 128 * 1024;
const HEARTBEAT_MS = 30_000;

/** Closes a socket over the per-address cap: "try again later". */
const TRY_AGAIN_LATER = 1013;

export async function realtimeRoutes(app: FastifyInstance, deps: SocketDeps & { socketsPerAddress: number }): Promise<void> {
  await app.register(import('@fastify/websocket'), { options: { maxPayload: MAX_FRAME_BYTES } });
  const perAddress = new ConnectionCap(deps.socketsPerAddress);

  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    const release = perAddress.admit(clientNetwork(request.ip));
    if (!release) return socket.close(TRY_AGAIN_LATER, 'too many connections');
    socket.once('close', release);
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
