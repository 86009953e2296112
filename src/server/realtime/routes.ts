import type { FastifyInstance } from 'fastify';
import { WEBSOCKET_PATH } from '../../shared/protocol';
import { SocketSession, type SocketDeps } from './socket-session';

/** Frames larger than this close the socket (1009); the message length limit is far below it. */
const MAX_FRAME_BYTES = 128 * 1024;
const HEARTBEAT_MS = 30_000;
/** How long a shutdown waits for clients to answer the close of their socket. */
const CLOSE_HANDSHAKE_MS = 2_000;

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
  await app.register(import('@fastify/websocket'), { options: { maxPayload: MAX_FRAME_BYTES }, preClose: drainSessions });

  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    // A staff cookie is honoured only from our own pages (cross-site WebSocket hijacking).
    const staffToken = isSameOrigin(request.headers.origin, request.host)
      ? request.cookies[deps.directory.staffSessionCookie]
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
