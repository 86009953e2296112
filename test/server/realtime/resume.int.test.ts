/**
 * Resuming under pressure (issue 20): a console with many conversations and an outbox resumes
 * with one hello, without a gap; a large backlog reaches a slow reader while messages keep
 * coming; a resend while the database is overloaded is answered `busy` and then acked once.
 */
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../../src/server/actor';
import type { Message, ServerFrame } from '../../../src/shared/protocol';
import { connectVisitor, serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';
import { slowLink } from '../../support/throttle';
import { TestSocket } from '../../support/ws-client';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '10000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '10000', MAX_MESSAGE_LENGTH: '20000' };

async function consultantWith(server: TestServer, count: number) {
  const staff = await signedInStaff(server);
  const actor: StaffActor = { kind: 'staff', id: staff.user.id, name: staff.user.name, deskId: server.app.desk.id };
  const conversationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await startConversation(server, { visitorName: `Visitor ${i}` });
    const { id } = await server.app.conversations.findByToken(token);
    await server.app.conversations.take(actor, id);
    conversationIds.push(id);
  }
  return { staff, actor, conversationIds };
}

/** Seqs of one conversation a socket has received so far, as history or live. */
function seqsReceived(frames: readonly ServerFrame[], conversationId: string): number[] {
  return frames.flatMap((frame) => {
    if (frame.type === 'history' && frame.conversationId === conversationId) return frame.messages.map((m) => m.seq);
    if (frame.type === 'message' && frame.conversationId === conversationId) return [frame.message.seq];
    return [];
  });
}

describe.each(databaseTargets)('Console resume on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('resumes a console with 200 conversations and 50 pending messages in one go', async () => {
    const { staff, actor, conversationIds } = await consultantWith(server, 200);
    // Half of the outbox was stored before the connection dropped (its acks were lost).
    const pending = conversationIds.slice(0, 50).map((conversationId) => ({ conversationId, clientId: randomUUID(), body: 'Dzień dobry' }));
    for (const message of pending.slice(0, 25)) {
      await server.app.conversations.post(server.app.desk, message.conversationId, actor, message.clientId, message.body);
    }

    const socket = await TestSocket.open(server.wsUrl, { cookie: staff.cookie });
    socket.send({ type: 'staff.hello', resume: [] });
    await socket.next('welcome.staff', () => true, 20_000);
    for (const message of pending) socket.send({ type: 'message.send', ...message, resent: true });

    for (const message of pending) await socket.next('ack', (f) => f.clientId === message.clientId, 30_000);
    const histories = new Set(socket.received.flatMap((f) => (f.type === 'history' ? [f.conversationId] : [])));
    expect(histories).toEqual(new Set(conversationIds));
    expect(socket.received.filter((f) => f.type === 'ack')).toHaveLength(50);
    expect(socket.received.filter((f) => f.type === 'error')).toEqual([]);
    for (const message of pending) {
      const stored = await server.app.conversations.messagesAfter(message.conversationId, 0);
      expect(stored.filter((m) => m.client_id === message.clientId)).toHaveLength(1);
    }
    socket.close();
  }, 120_000);

  it('never lets a live message overtake the history: a drop right after welcome leaves no gap', async () => {
    const { staff, conversationId, visitor } = await liveConversation(server);
    let posting = true;
    const traffic = (async () => {
      while (posting) {
        visitor.send({ type: 'message.send', clientId: randomUUID(), body: 'still here' });
        await visitor.next('ack');
      }
    })();
    let resumeFrom = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const socket = await TestSocket.open(server.wsUrl, { cookie: staff.cookie });
      socket.send({ type: 'staff.hello', resume: [{ conversationId, lastSeq: resumeFrom }] });
      // The worst moment: the first live message of the conversation; the socket drops right after it.
      const live = await socket.next('message', (f) => f.conversationId === conversationId, 10_000);
      socket.close();
      const seen = new Set(seqsReceived(socket.received.slice(0, socket.received.indexOf(live) + 1), conversationId));
      for (let seq = resumeFrom + 1; seq < live.message.seq; seq++) expect(seen, `seq ${seq} before live ${live.message.seq}`).toContain(seq);
      resumeFrom = live.message.seq;
      await socket.closed;
    }
    posting = false;
    await traffic;
  }, 120_000);
});

describe.each(databaseTargets)('Slow readers and overload on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('delivers a 20 MB backlog to a reader throttled to 200 KB/s while live messages keep arriving', async () => {
    const { staff, conversationId, token, consultant } = await liveConversation(server);
    const actor: StaffActor = { kind: 'staff', id: staff.user.id, name: staff.user.name, deskId: server.app.desk.id };
    const body = 'x'.repeat(20_000);
    // Stored as they were while the visitor was away (straight into the log: nobody is told live).
    for (let i = 0; i < 1_000; i++) {
      const message = { client_id: randomUUID(), author: 'staff' as const, author_id: actor.id, author_name: actor.name, body, event: null, created_at: new Date().toISOString() };
      await server.app.conversationLog.appendMessage(conversationId, message, actor.id);
    }
    const last = (await server.app.conversations.findById(conversationId)).last_seq;

    const link = await slowLink(Number(new URL(server.baseUrl).port), 200 * 1024);
    const reader = await TestSocket.open(link.url('/ws'));
    reader.send({ type: 'visitor.hello', token, lastSeq: 0 });
    let talking = true;
    const liveSeqs: number[] = [];
    const traffic = (async () => {
      while (talking) {
        const clientId = randomUUID();
        consultant.send({ type: 'message.send', conversationId, clientId, body: 'live' });
        liveSeqs.push((await consultant.next('ack', (f) => f.clientId === clientId)).seq);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const seqs = () => new Set(reader.received.flatMap((f) => visitorSeqs(f)));
    const cutOff = reader.closed.then(({ code }) => Promise.reject(new Error(`the reader was cut off (${code})`)));
    await Promise.race([expect.poll(() => seqs().size >= last, { timeout: 300_000, interval: 1_000 }).toBe(true), cutOff]);
    talking = false;
    await traffic;
    await expect.poll(() => liveSeqs.every((seq) => seqs().has(seq)), { timeout: 30_000 }).toBe(true);
    expect(reader.socket.readyState).toBe(reader.socket.OPEN);
    const frameSizes = reader.received.map((frame) => JSON.stringify(frame).length);
    expect(Math.max(...frameSizes)).toBeLessThan(1024 * 1024);
    reader.close();
    await link.close();
  }, 400_000);

  it('answers a resend while the database is overloaded from what is stored, acked exactly once', async () => {
    const started = await startConversation(server);
    const { socket: visitor } = await connectVisitor(server, started.token);
    const clientId = randomUUID();
    const resend = { type: 'message.send', clientId, body: 'Czy mogę złożyć wniosek?', resent: true } as const;
    visitor.send({ ...resend, resent: undefined });
    const { seq } = await visitor.next('ack');

    // The ack was lost; the visitor comes back and resends while the database takes no more work.
    const { socket: resumed } = await connectVisitor(server, started.token, seq);
    resumed.send({ type: 'ping' });
    await resumed.next('pong'); // the hello is answered in full (its follow-ups read the database too)
    const release = await overload(server);
    resumed.send(resend);
    if (server.database.engine === 'postgres') {
      // No connection to be had: refused early with a typed busy and a delay, not internal_error.
      expect(await resumed.next('error', (f) => f.clientId === clientId, 20_000)).toMatchObject({ code: 'busy', retryAfterMs: expect.any(Number) });
      release();
      resumed.send(resend);
    }
    // SQLite: the writer is locked, but a stored message is answered by a read, no append needed.
    expect(await resumed.next('ack', (f) => f.clientId === clientId, 20_000)).toMatchObject({ seq });
    release();
    expect(resumed.received.filter((f) => f.type === 'ack')).toHaveLength(1);
    expect(resumed.received.filter((f) => f.type === 'error'), JSON.stringify(resumed.received)).toHaveLength(server.database.engine === 'postgres' ? 1 : 0);
    const stored = await server.app.conversations.messagesAfter((await server.app.conversations.findByToken(started.token)).id, 0);
    expect(stored.filter((m) => m.client_id === clientId)).toHaveLength(1);
  }, 60_000);
});

function visitorSeqs(frame: ServerFrame): number[] {
  const messages: Message[] = frame.type === 'welcome.visitor' ? frame.missed : frame.type === 'history' ? frame.messages : frame.type === 'message' ? [frame.message] : [];
  return messages.map((message) => message.seq);
}

/**
 * Holds the database so it takes no more work: on PostgreSQL every pooled connection sits in an
 * open transaction (the next query waits for the pool and times out); on SQLite another
 * connection holds the write lock past the busy timeout. Returns how to let go.
 */
async function overload(server: TestServer): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  if (server.database.engine === 'postgres') {
    const held: Promise<unknown>[] = [];
    let holding = 0;
    for (let i = 0; i < 10; i++) {
      held.push(
        server.database.db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          holding++;
          await released;
        }),
      );
    }
    await expect.poll(() => holding).toBe(10);
  } else {
    const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(server.database.db);
    const locker = new SQLite(rows[0]!.file);
    locker.exec('begin immediate');
    void released.then(() => {
      locker.exec('rollback');
      locker.close();
    });
  }
  return release;
}

