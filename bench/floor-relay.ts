/**
 * The floor: a bare `ws` relay with no persistence, no validation and no acks. A visitor socket
 * (?role=visitor&id=<conversation>&consultant=<k>) is paired with consultant socket k
 * (?role=consultant&id=<k>); frames are parsed and re-serialised once each way, as any real relay
 * must, and carry message objects shaped like ours so the bytes on the wire are comparable.
 *
 * With FLOOR_DURABLE_URL (as the server's DATABASE_URL: `sqlite:<file>` or a PostgreSQL URL), the
 * durable floor: the least a relay must add to keep our guarantees (acknowledged = durable,
 * exactly once per client id, per-conversation order). Each message gets its row, with a seq from
 * the conversation's counter and a unique key on the client id, committed before it is forwarded,
 * and its sender gets an ack. Our ratio to it is what our own code costs beyond the guarantees.
 * - SQLite, set up as the server sets it up (WAL, synchronous NORMAL): one prepared transaction.
 * - PostgreSQL: one statement in one round trip that advances the counter and inserts the row,
 *   committed on its own as the server's append is, one at a time per conversation so its order
 *   is kept.
 *
 * Run as its own process by the bench: PORT=<port> node --import tsx bench/floor-relay.ts
 */
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const consultants = new Map<string, WebSocket>();
const visitors = new Map<string, WebSocket>();

interface SendFrame {
  conversationId?: string;
  clientId: string;
  body: string;
}

/** Connections as many as the server's default pool, so both may have as many commits under way. */
const POSTGRES_CONNECTIONS = 10;

/** The same tables on both engines. */
const SCHEMA = `CREATE TABLE conversations (id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
  CREATE TABLE messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq), UNIQUE (conversation_id, client_id));`;

const durableUrl = process.env.FLOOR_DURABLE_URL;
/** Stores a message and returns its seq; the bare floor stores nothing (seq 0). */
type Store = (conversationId: string, frame: SendFrame, sentAt: string) => number | Promise<number>;
const store: Store = !durableUrl ? () => 0 : durableUrl.startsWith('sqlite:') ? sqliteStore(durableUrl.slice('sqlite:'.length)) : await postgresStore(durableUrl);

function sqliteStore(file: string): Store {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const next = db.prepare('INSERT INTO conversations (id, last_seq) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq');
  const insert = db.prepare('INSERT INTO messages (conversation_id, seq, client_id, body, created_at) VALUES (?, ?, ?, ?, ?)');
  return db.transaction((conversationId: string, frame: SendFrame, sentAt: string) => {
    const { last_seq: seq } = next.get(conversationId) as { last_seq: number };
    insert.run(conversationId, seq, frame.clientId, frame.body, sentAt);
    return seq;
  });
}

async function postgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_CONNECTIONS });
  await pool.query(SCHEMA);
  const append = {
    name: 'append',
    text: `WITH advanced AS (INSERT INTO conversations (id, last_seq) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET last_seq = conversations.last_seq + 1 RETURNING last_seq)
      INSERT INTO messages (conversation_id, seq, client_id, body, created_at) SELECT $1, last_seq, $2, $3, $4 FROM advanced RETURNING seq`,
  };
  // Each conversation's appends one after another: two of them committing at once could swap their order.
  const lastOf = new Map<string, Promise<number>>();
  return (conversationId, frame, sentAt) => {
    const previous = lastOf.get(conversationId) ?? Promise.resolve(0);
    const stored = previous
      .catch(() => 0)
      .then(() => pool.query<{ seq: number }>({ ...append, values: [conversationId, frame.clientId, frame.body, sentAt] }))
      .then(({ rows }) => rows[0]!.seq);
    lastOf.set(conversationId, stored);
    void stored.finally(() => lastOf.get(conversationId) === stored && lastOf.delete(conversationId)).catch(() => {});
    return stored;
  };
}

const parse = (data: RawData) => JSON.parse(data.toString()) as SendFrame;

async function relay(author: 'visitor' | 'staff', conversationId: string, frame: SendFrame, sender: WebSocket, to: WebSocket | undefined): Promise<void> {
  const sentAt = new Date().toISOString();
  const seq = await store(conversationId, frame, sentAt);
  const message = { seq, clientId: frame.clientId, author, authorName: null, body: frame.body, event: null, sentAt };
  to?.send(JSON.stringify({ type: 'message', ...(author === 'visitor' && { conversationId }), message }));
  if (durableUrl) sender.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, seq, sentAt }));
}

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0), maxPayload: 128 * 1024 });

server.on('connection', (socket, request) => {
  const params = new URL(request.url ?? '/', 'http://relay').searchParams;
  const id = params.get('id') ?? '';
  if (params.get('role') === 'consultant') {
    consultants.set(id, socket);
    socket.on('message', (data) => {
      const frame = parse(data);
      const conversationId = frame.conversationId ?? '';
      void relay('staff', conversationId, frame, socket, visitors.get(conversationId));
    });
    socket.on('close', () => consultants.delete(id));
  } else {
    const consultant = params.get('consultant') ?? '';
    visitors.set(id, socket);
    socket.on('message', (data) => void relay('visitor', id, parse(data), socket, consultants.get(consultant)));
    socket.on('close', () => visitors.delete(id));
  }
});

server.on('listening', () => console.log('listening'));
process.once('SIGTERM', () => process.exit(0));
