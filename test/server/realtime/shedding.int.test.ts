/**
 * Early load shedding (issue 20, item 4): past the bound on database work waiting for a
 * connection, new work is refused at once with `busy` and a delay — before the pool's connection
 * timeout would fail it — while a resend of a stored message is still answered once and a hello
 * waits its turn. PostgreSQL
 * only: SQLite has no pool (its busy timeout blocks the whole process, so nothing queues).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../src/shared/protocol';
import { connectVisitor, serverForSuite, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { TestSocket } from '../../support/ws-client';

/** One connection, and one frame or request waiting for it: two under way at most. */
const TINY_POOL = { DATABASE_POOL_SIZE: '1', DATABASE_WAITING_MAX: '1', CONVERSATIONS_PER_MINUTE: '10000', MESSAGES_PER_MINUTE: '10000' };
const postgres = databaseTargets.find((target) => target.engine === 'postgres');

/** The ack or error a socket got for one message, if any yet. */
function answerTo(socket: TestSocket, clientId: string): ServerFrame | undefined {
  return socket.received.find((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId);
}

/** Every pooled connection sits in an open transaction until released. */
async function holdPool(server: TestServer): Promise<{ release(): void; done: Promise<unknown> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  const done = server.database.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    holding = true;
    await released;
  });
  await expect.poll(() => holding).toBe(true);
  return { release, done };
}

async function visitors(server: TestServer, count: number) {
  const connected = [];
  for (let i = 0; i < count; i++) {
    const { token } = await startConversation(server);
    const { socket } = await connectVisitor(server, token);
    socket.send({ type: 'ping' });
    await socket.next('pong'); // the hello's follow-ups are done: the socket is idle
    connected.push({ token, socket });
  }
  return connected;
}

// Without TEST_DATABASE_URL, test/support/databases.ts has said why PostgreSQL is skipped (CI requires it).
describe.skipIf(!postgres)('Load shedding on PostgreSQL with a tiny pool', () => {
  const suiteServer = serverForSuite(postgres!, TINY_POOL);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('refuses new work beyond the bound with busy before the pool times out, writes nothing half, and acks a resend once', async () => {
    const senders = await visitors(server, 5);
    const [first] = senders;
    const resend = { type: 'message.send', clientId: randomUUID(), body: 'Czy mogę złożyć wniosek?', resent: true } as const;
    first!.socket.send({ ...resend, resent: undefined });
    const { seq } = await first!.socket.next('ack', (f) => f.clientId === resend.clientId);

    const pool = await holdPool(server);
    const sent = senders.map(({ socket }) => {
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body: 'Dzień dobry' });
      return { socket, clientId };
    });
    // Two are admitted and wait for the connection; three are refused at once.
    await expect.poll(() => sent.filter(({ socket, clientId }) => answerTo(socket, clientId)).length).toBe(3);
    const refused = sent.filter(({ socket, clientId }) => answerTo(socket, clientId));
    for (const { socket, clientId } of refused) expect(answerTo(socket, clientId)).toMatchObject({ type: 'error', code: 'busy', retryAfterMs: expect.any(Number) });

    // Still full: a new HTTP start is refused at once, a resend is admitted and waits.
    const start = await server.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true } });
    expect(start.statusCode).toBe(503);
    expect(start.json()).toMatchObject({ code: 'busy' });
    expect(Number(start.headers['retry-after'])).toBeGreaterThan(0);
    // The first ack was lost, say: the visitor resends while the server is full.
    const resumed = first!.socket;
    const acksBefore = resumed.received.filter((f) => f.type === 'ack' && f.clientId === resend.clientId).length;
    resumed.send(resend);

    // Released before the pool's timeout could fire: the admitted ones are stored, not timed out.
    pool.release();
    await pool.done;
    const admitted = sent.filter((s) => !refused.includes(s));
    for (const { socket, clientId } of admitted) expect(await socket.next('ack', (f) => f.clientId === clientId)).toMatchObject({ type: 'ack' });
    expect(await resumed.next('ack', (f) => f.clientId === resend.clientId)).toMatchObject({ seq });
    expect(resumed.received.filter((f) => f.type === 'ack' && f.clientId === resend.clientId)).toHaveLength(acksBefore + 1);
    expect(resumed.received.filter((f) => f.type === 'error' && f.clientId === resend.clientId)).toEqual([]);

    for (const [index, { token }] of senders.entries()) {
      const { id } = await server.app.conversations.findByToken(token);
      const stored = await server.app.conversations.messagesAfter(id, 0);
      const mine = sent[index]!;
      expect(stored.filter((m) => m.client_id === mine.clientId)).toHaveLength(refused.includes(mine) ? 0 : 1);
      if (index === 0) expect(stored.filter((m) => m.client_id === resend.clientId)).toHaveLength(1);
    }
  }, 60_000);

  it('lets a hello wait its turn while new work is refused, and welcomes it once the pool frees', async () => {
    const senders = await visitors(server, 3);
    const { token } = await startConversation(server);
    const pool = await holdPool(server);
    const sent = senders.map(({ socket }) => ({ socket, clientId: randomUUID() }));
    for (const { socket, clientId } of sent.slice(0, 2)) socket.send({ type: 'message.send', clientId, body: 'Dzień dobry' });

    const returning = await TestSocket.open(server.wsUrl);
    returning.send({ type: 'visitor.hello', token, lastSeq: 0 });
    // The gate is full (two messages wait for the connection): new work is refused at once...
    const [, , third] = sent;
    third!.socket.send({ type: 'message.send', clientId: third!.clientId, body: 'Dzień dobry' });
    await expect.poll(() => answerTo(third!.socket, third!.clientId)).toMatchObject({ type: 'error', code: 'busy' });
    // ...but the hello, which arrived before it, waits rather than sending its client into back-off.
    expect(returning.received).toEqual([]);

    pool.release();
    await pool.done;
    expect(await returning.next('welcome.visitor')).toMatchObject({ type: 'welcome.visitor' });
    for (const { socket, clientId } of sent.slice(0, 2)) expect(await socket.next('ack', (f) => f.clientId === clientId)).toMatchObject({ type: 'ack' });
    returning.close();
  }, 60_000);

  it('answers an HTTP request whose connection wait times out with 503 busy and Retry-After, not 500', async () => {
    const pool = await holdPool(server);
    const start = await server.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true } });
    pool.release();
    await pool.done;
    expect(start.statusCode).toBe(503);
    expect(start.json()).toMatchObject({ code: 'busy' });
    expect(Number(start.headers['retry-after'])).toBeGreaterThan(0);
  }, 60_000);
});
