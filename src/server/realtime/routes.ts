import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { WEBSOCKET_PATH } from '../../shared/protocol';
import { clientNetwork } from '../client-address';
import { isOwnOrigin } from '../edge';
import { ConnectionCap } from './connection-cap';
import { SocketSession, type SocketDeps } from './socket-session';

/** Frames larger than this close the socket (1009); the message length limit is far below it. */
const MAX_FRAME_BYTES = 128 * 1024;
const HEARTBEAT_MS = 30_000;
/** How long a shutdown waits for clients to answer the close of their socket. */
const CLOSE_HANDSHAKE_MS = 2_000;

/**
 * A frame the client got wrong (too large, not UTF-8: ws's WS_ERR_* codes) is the client's fault:
 * a warning without a stack. Anything else is ours.
 */
function onSocketError(error: Error & { code?: string }, socket: WebSocket, request: FastifyRequest): void {
  if (error.code?.startsWith('WS_ERR_')) request.log.warn({ code: error.code, reason: error.message }, 'websocket closed: the client sent a bad frame');
  else request.log.error({ err: error }, 'websocket failed');
  socket.terminate();
}

/** Closes a socket over the per-address cap: "try again later". */
const TRY_AGAIN_LATER = 1013;

export async function realtimeRoutes(app: FastifyInstance, deps: SocketDeps & { socketsPerAddress: number }): Promise<void> {
  const sessions = new Set<SocketSession>();
  // On close: no new sockets, every open one stops reading and answers what it received, then
  // closes (1012) — all before the database closes (onClose hooks run after this).
  async function drainSessions(this: FastifyInstance): Promise<void> {
    const wss = this.websocketServer;
    await Promise.all([...sessions].map((session) => session.drain()));
    // The server's 'close' waits for its sockets' closing handshakes; a client that never answers is cut.
    const cut = setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_HANDSHAKE_MS);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    clearTimeout(cut);
  }
  await app.register(import('@fastify/websocket'), { options: { maxPayload: MAX_FRAME_BYTES }, errorHandler: onSocketError, preClose: drainSessions });
  const perAddress = new ConnectionCap(deps.socketsPerAddress);

  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    // Typed as a string, but undefined when the client left before this handler ran (seen in the
    // reconnect storm): there is nobody to serve, and no address to count.
    const address = request.ip as string | undefined;
    if (address === undefined) return socket.terminate();
    const release = perAddress.admit(clientNetwork(address));
    if (!release) return socket.close(TRY_AGAIN_LATER, 'too many connections');
    socket.once('close', release);
    // A staff cookie is honoured only from our own pages (cross-site WebSocket hijacking).
    const origin = request.headers.origin;
    const staffToken = origin === undefined || isOwnOrigin(origin, request.host)
      ? deps.directory.staffSessionToken(request)
      : undefined;
    new SocketSession(socket, { ...deps, sessions }, request.log, staffToken);
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
