/**
 * The floor: a bare `ws` relay with no persistence, no validation and no acks. A visitor socket
 * (?role=visitor&id=<conversation>&consultant=<k>) is paired with consultant socket k
 * (?role=consultant&id=<k>); frames are parsed and re-serialised once each way, as any real relay
 * must, and carry message objects shaped like ours so the bytes on the wire are comparable.
 *
 * With FLOOR_DURABLE_DB=<file>, the durable floor: the least a relay must add to keep our
 * guarantees (acknowledged = durable, exactly once per client id, per-conversation order). Each
 * message is committed to SQLite, set up as the server sets it up (WAL, synchronous NORMAL), in one
 * prepared transaction (its row, with a seq from the conversation's counter and a unique key on
 * the client id) before it is forwarded, and its sender gets an ack. Our ratio to it is what our
 * own code costs beyond the guarantees.
 *
 * Run as its own process by the bench: PORT=<port> node --import tsx bench/floor-relay.ts
 */
import Sqlite from 'better-sqlite3';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const consultants = new Map<string, WebSocket>();
const visitors = new Map<string, WebSocket>();

interface SendFrame {
  conversationId?: string;
  clientId: string;
  body: string;
}

const durableFile = process.env.FLOOR_DURABLE_DB;
/** Stores a message and returns its seq; the bare floor stores nothing (seq 0). */
const store = openStore(durableFile);

function openStore(file: string | undefined): (conversationId: string, frame: SendFrame, sentAt: string) => number {
  if (!file) return () => 0;
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE conversations (id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
    CREATE TABLE messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq), UNIQUE (conversation_id, client_id));`);
  const next = db.prepare('INSERT INTO conversations (id, last_seq) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq');
  const insert = db.prepare('INSERT INTO messages (conversation_id, seq, client_id, body, created_at) VALUES (?, ?, ?, ?, ?)');
  return db.transaction((conversationId: string, frame: SendFrame, sentAt: string) => {
    const { last_seq: seq } = next.get(conversationId) as { last_seq: number };
    insert.run(conversationId, seq, frame.clientId, frame.body, sentAt);
    return seq;
  });
}

const parse = (data: RawData) => JSON.parse(data.toString()) as SendFrame;

function relay(author: 'visitor' | 'staff', conversationId: string, frame: SendFrame, sender: WebSocket, to: WebSocket | undefined): void {
  const sentAt = new Date().toISOString();
  const seq = store(conversationId, frame, sentAt);
  const message = { seq, clientId: frame.clientId, author, authorName: null, body: frame.body, event: null, sentAt };
  to?.send(JSON.stringify({ type: 'message', ...(author === 'visitor' && { conversationId }), message }));
  if (durableFile) sender.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, seq, sentAt }));
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
      relay('staff', conversationId, frame, socket, visitors.get(conversationId));
    });
    socket.on('close', () => consultants.delete(id));
  } else {
    const consultant = params.get('consultant') ?? '';
    visitors.set(id, socket);
    socket.on('message', (data) => relay('visitor', id, parse(data), socket, consultants.get(consultant)));
    socket.on('close', () => visitors.delete(id));
  }
});

server.on('listening', () => console.log('listening'));
process.once('SIGTERM', () => process.exit(0));
