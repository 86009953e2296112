/**
 * Several stateless instances behind a load balancer (issue 6): real server processes on one
 * PostgreSQL database and one Redis, real WebSocket clients, and real failures — an instance
 * killed with SIGKILL, Redis stopped, PostgreSQL restarted. Needs TEST_DATABASE_URL and
 * TEST_REDIS_URL; the Redis and PostgreSQL tests stop and restart the machine's own services.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message, ServerFrame } from '../../src/shared/protocol';
import { freePort } from '../support/launcher';
import { databaseTargets } from '../support/databases';
import type { TestSocket } from '../support/ws-client';
import {
  addStaff,
  ensurePostgres,
  ensureRedis,
  health,
  query,
  restartPostgres,
  signIn,
  Sockets,
  startConversation,
  startInstance,
  stopRedis,
  until,
  untilHealthy,
  type Instance,
} from './support/cluster';

const missing = ['TEST_DATABASE_URL', 'TEST_REDIS_URL'].filter((name) => !process.env[name]);
if (missing.length > 0) {
  if (process.env.CI) throw new Error(`${missing.join(' and ')} must be set in CI: the multi-instance tests may not be skipped.`);
  console.warn(`[scale] ${missing.join(' and ')} not set: the multi-instance tests are skipped.`);
}

const redisUrl = process.env.TEST_REDIS_URL ?? '';
const run = promisify(execFile);
const HIGH_LIMITS = { MESSAGES_PER_MINUTE: '10000', CONVERSATIONS_PER_MINUTE: '100000', LOGINS_PER_MINUTE: '10000' };

// -- what a client has seen ---------------------------------------------------------------------

type Ack = Extract<ServerFrame, { type: 'ack' }>;

const acksOf = (socket: TestSocket): Ack[] => socket.received.filter((f): f is Ack => f.type === 'ack');

/** Live messages (and, for staff, history) a socket received for one conversation, in arrival order. */
function messagesSeen(socket: TestSocket, conversationId?: string): Message[] {
  return socket.received.flatMap((f) => {
    if (f.type === 'message' && (f.conversationId === undefined || f.conversationId === conversationId)) return [f.message];
    if (f.type === 'history' && f.conversationId === conversationId) return f.messages;
    if (f.type === 'welcome.visitor') return f.missed;
    return [];
  });
}

/**
 * What a client shows: the messages it received and its own from their acks (the server does not
 * echo a message to the socket that sent it; the ack carries its seq). It resumes by received seqs
 * alone, as the browsers do, so an own ack never skips a message still on its way.
 */
function messagesHeld(socket: TestSocket, conversationId?: string): Message[] {
  const own = acksOf(socket).map((ack) => ({ seq: ack.seq, clientId: ack.clientId }) as Message);
  return [...messagesSeen(socket, conversationId), ...own];
}

/** The client's own view: one message per seq (what the browsers do), as clientId → seq. */
function seqsByClientId(messages: Message[]): Map<string, number[]> {
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const byClientId = new Map<string, number[]>();
  for (const m of bySeq.values()) if (m.clientId) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m.seq]);
  return byClientId;
}

const lastSeqSeen = (socket: TestSocket, conversationId?: string) => Math.max(0, ...messagesSeen(socket, conversationId).map((m) => m.seq));

/** The socket's close; a socket never closed fails the test at the hang deadline. */
async function closeOf(socket: TestSocket): Promise<{ code: number; reason: string }> {
  let close: { code: number; reason: string } | undefined;
  void socket.closed.then((value) => (close = value));
  return until('the socket to be closed', () => close);
}

/** The reply (ack or error) to one message.send, once it arrives. */
const replyTo = (socket: TestSocket, clientId: string) =>
  until(`a reply to ${clientId}`, () => socket.received.find((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId));

let nameCounter = 0;
const uniqueName = (prefix: string) => `${prefix}-${++nameCounter}-${randomUUID().slice(0, 8)}`;

interface StoredMessage {
  seq: number;
  client_id: string | null;
  author: string;
  body: string;
}

describe.skipIf(missing.length > 0)('several instances on one PostgreSQL and one Redis', () => {
  const postgres = databaseTargets.find((target) => target.engine === 'postgres')!;
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  const instances: Instance[] = [];
  /** A and B share the office; C and D have a limit of 5 messages a minute; `doomed` is killed. */
  let a: Instance, b: Instance, c: Instance, d: Instance, doomed: Instance;
  const cookies = { anna: '', boris: '' };
  const sockets = new Sockets();

  const storedMessages = (conversationId: string) =>
    query<StoredMessage>(databaseUrl, 'select seq, client_id, author, body from messages where conversation_id = $1 order by seq', [conversationId]);

  const duplicateClientIds = (conversationId: string) =>
    query(databaseUrl, 'select client_id, count(*) from messages where conversation_id = $1 and client_id is not null group by client_id having count(*) > 1', [conversationId]);

  const expectContiguous = (rows: StoredMessage[]) => expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));

  async function launch(name: string, env: Record<string, string> = {}, options: { untilAnswering?: boolean } = {}): Promise<Instance> {
    const instance = await startInstance(name, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ...HIGH_LIMITS, STATIC_DIR: '/nonexistent', ...env }, options);
    instances.push(instance);
    return instance;
  }

  /** A conversation started on one instance, taken by a consultant connected to another. */
  async function liveConversation(visitorOn: Instance, consultantOn: Instance, cookie = cookies.anna) {
    const consultant = (await sockets.staff(consultantOn, cookie)).socket;
    const visitorName = uniqueName('visitor');
    const token = await startConversation(visitorOn, visitorName);
    const queued = await consultant.next('conversation.updated', (f) => f.conversation.visitorName === visitorName && f.conversation.status === 'waiting');
    const conversationId = queued.conversation.id;
    const visitor = (await sockets.visitor(visitorOn, token)).socket;
    consultant.send({ type: 'conversation.take', conversationId });
    await consultant.next('history', (f) => f.conversationId === conversationId);
    await visitor.next('visitor.conversation.updated', (f) => f.conversation.status === 'active');
    return { consultant, visitor, token, conversationId };
  }

  beforeAll(async () => {
    if (!['', '6379'].includes(new URL(redisUrl).port)) throw new Error('TEST_REDIS_URL must be the machine’s Redis on port 6379 (the tests restart it)');
    const database = await postgres.create();
    databaseUrl = database.url;
    dropDatabase = database.drop;
    // Several at once on the fresh database, as a deployment starts them; in two groups, because
    // each process spends seconds of CPU loading, and a busy machine must not time them out.
    const [[anna, boris], shared] = await Promise.all([
      Promise.all([addStaff(databaseUrl, 'Anna'), addStaff(databaseUrl, 'Boris')]),
      Promise.all([launch('A'), launch('B')]),
    ]);
    [a, b] = shared;
    [c, d, doomed] = await Promise.all([launch('C', { MESSAGES_PER_MINUTE: '5' }), launch('D', { MESSAGES_PER_MINUTE: '5' }), launch('doomed')]);
    // Signed in on one instance, used on the other: sessions are in the database.
    [cookies.anna, cookies.boris] = await Promise.all([signIn(a, anna), signIn(b, boris)]);
  }, 120_000); // about 15 s on a quiet machine; far more when CI runs everything at once

  afterEach(() => sockets.closeAll());

  afterAll(async () => {
    sockets.closeAll();
    await Promise.all(instances.map((instance) => instance.stop()));
    await ensureRedis();
    await ensurePostgres();
    await dropDatabase?.();
  }, 30_000);

  it('delivers every message and queue change to the other instance, with one order on both sides', async () => {
    const { consultant, visitor, conversationId } = await liveConversation(a, b);

    // Both sides write at once, without waiting for each other.
    const fromVisitor = Array.from({ length: 10 }, () => randomUUID());
    const fromConsultant = Array.from({ length: 10 }, () => randomUUID());
    for (let i = 0; i < 10; i++) {
      visitor.send({ type: 'message.send', clientId: fromVisitor[i]!, body: `visitor ${i}` });
      consultant.send({ type: 'message.send', conversationId, clientId: fromConsultant[i]!, body: `consultant ${i}` });
    }
    const all = new Set<string>([...fromVisitor, ...fromConsultant]);
    const ours = (socket: TestSocket) => messagesHeld(socket, conversationId).filter((m) => m.clientId && all.has(m.clientId));
    await until('all 20 messages on both sides', () => ours(visitor).length >= 20 && ours(consultant).length >= 20);

    // The same messages under the same seqs on both sides, each once; the bodies as sent.
    const bySeq = (socket: TestSocket) => ours(socket).map((m) => [m.seq, m.clientId] as const).sort(([x], [y]) => x - y);
    expect(bySeq(consultant)).toEqual(bySeq(visitor));
    expect(new Set(bySeq(visitor).map(([seq]) => seq)).size).toBe(20);
    const sentBody = new Map<string, string>([...fromVisitor.map((id, i) => [id, `visitor ${i}`] as const), ...fromConsultant.map((id, i) => [id, `consultant ${i}`] as const)]);
    for (const m of [...messagesSeen(visitor, conversationId), ...messagesSeen(consultant, conversationId)]) {
      if (m.clientId && all.has(m.clientId)) expect(m.body).toBe(sentBody.get(m.clientId));
    }
    // The acks name those seqs, and each writer's messages keep the order they were sent in.
    const ackSeq = new Map([...acksOf(visitor), ...acksOf(consultant)].map((ack) => [ack.clientId, ack.seq]));
    for (const m of ours(visitor)) expect(ackSeq.get(m.clientId!)).toBe(m.seq);
    for (const ids of [fromVisitor, fromConsultant]) {
      const seqs = ids.map((id) => ackSeq.get(id)!);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    expectContiguous(await storedMessages(conversationId));

    // A new waiting conversation started through A reaches a consultant connected to B.
    const visitorName = uniqueName('queue');
    await startConversation(a, visitorName);
    const update = await consultant.next('conversation.updated', (f) => f.conversation.visitorName === visitorName);
    expect(update.conversation).toMatchObject({ status: 'waiting', assignee: null, lastSeq: 1 });
  });

  it('gives each of 100 conversations to exactly one of two consultants taking it at once on different instances', async () => {
    const [onA, onB] = await Promise.all([sockets.staff(a, cookies.anna), sockets.staff(b, cookies.boris)]);
    const names = Array.from({ length: 100 }, (_, i) => uniqueName(`race-${i}`));
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name, j) => startConversation((i + j) % 2 === 0 ? a : b, name)));
    }
    const waitingIds = (socket: TestSocket) => {
      const byName = new Map<string, string>();
      for (const f of socket.received) {
        if (f.type === 'conversation.updated' && f.conversation.status === 'waiting') byName.set(f.conversation.visitorName ?? '', f.conversation.id);
      }
      return names.map((name) => byName.get(name));
    };
    const ids = await until('100 waiting conversations announced on both instances', () => {
      const [onAIds, onBIds] = [waitingIds(onA.socket), waitingIds(onB.socket)];
      return onAIds.every(Boolean) && onBIds.every(Boolean) && (onAIds as string[]);
    });

    const outcome = (socket: TestSocket, conversationId: string) =>
      until(`the outcome of taking ${conversationId}`, () => {
        const frame = socket.received.find((f) => (f.type === 'history' || f.type === 'error') && f.conversationId === conversationId);
        if (frame?.type === 'history') return 'took';
        return frame?.type === 'error' && frame.code;
      }, { intervalMs: 1 });

    const winners: string[] = [];
    for (const conversationId of ids) {
      onA.socket.send({ type: 'conversation.take', conversationId });
      onB.socket.send({ type: 'conversation.take', conversationId });
      const [atA, atB] = await Promise.all([outcome(onA.socket, conversationId), outcome(onB.socket, conversationId)]);
      expect([atA, atB].sort(), conversationId).toEqual(['already_taken', 'took']);
      winners.push(atA === 'took' ? onA.welcome.user.id : onB.welcome.user.id);
    }

    // The database agrees: one assignee (the winner) and one "consultant joined" notice each.
    const rows = await query<{ id: string; assignee_id: string; joined: string }>(
      databaseUrl,
      `select c.id, c.assignee_id, count(*) filter (where m.event = 'consultant_joined') as joined
         from conversations c join messages m on m.conversation_id = c.id
        where c.id = any($1) group by c.id, c.assignee_id`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(ids.map((id) => byId.get(id)?.assignee_id)).toEqual(winners);
    expect(rows.every((row) => Number(row.joined) === 1)).toBe(true);
  });

  it('counts the message rate limit across instances', async () => {
    const visitorName = uniqueName('limited');
    const token = await startConversation(c, visitorName);
    const [onC, onD] = await Promise.all([sockets.visitor(c, token), sockets.visitor(d, token)]);
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) {
      const socket = i % 2 === 0 ? onC.socket : onD.socket;
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body: `message ${i + 1}` });
      const reply = await replyTo(socket, clientId);
      replies.push(reply.type === 'ack' ? 'ack' : reply.type === 'error' ? reply.code : reply.type);
    }
    expect(replies).toEqual(['ack', 'ack', 'ack', 'ack', 'ack', 'rate_limited']);
    const conversationId = (await query<{ id: string }>(databaseUrl, 'select id from conversations where visitor_name = $1', [visitorName]))[0]!.id;
    expect((await storedMessages(conversationId)).filter((m) => m.author === 'visitor')).toHaveLength(5);

    // The instance that refused keeps refusing from memory: the shared counter in Redis stays put.
    const counted = () => run('redis-cli', ['-p', '6379', 'get', `e-konsultant:messages:visitor:${conversationId}`]).then(({ stdout }) => stdout.trim());
    expect(await counted()).toBe('6');
    for (let i = 0; i < 3; i++) {
      const clientId = randomUUID();
      onD.socket.send({ type: 'message.send', clientId, body: `over the limit ${i + 1}` });
      expect(await replyTo(onD.socket, clientId)).toMatchObject({ type: 'error', code: 'rate_limited' });
    }
    expect(await counted()).toBe('6');
  });

  it('loses nothing acknowledged when an instance is killed mid-burst, and stores each resent message once', async () => {
    const { consultant, visitor, token, conversationId } = await liveConversation(doomed, b);
    const clientIds = Array.from({ length: 50 }, () => randomUUID());
    const body = (i: number) => `burst ${i}`;

    // Kill the instance the moment the tenth ack arrives, while the rest are in flight.
    let acked = 0;
    let ackedBeforeKill: Ack[] = [];
    visitor.socket.on('message', (data) => {
      if ((JSON.parse(data.toString()) as ServerFrame).type !== 'ack' || ++acked !== 10) return;
      process.kill(doomed.pid, 'SIGKILL');
      ackedBeforeKill = acksOf(visitor);
    });
    clientIds.forEach((clientId, i) => visitor.send({ type: 'message.send', clientId, body: body(i) }));
    await until('the instance to die', () => !doomed.alive());
    await closeOf(visitor);
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(10);
    expect(acksOf(visitor).length, 'the kill must land in the middle of the burst').toBeLessThan(50);

    // The browser's outbox: resume on another instance from the last seq seen, resend every
    // message without an ack under its own client id.
    const ackedIds = new Set(acksOf(visitor).map((ack) => ack.clientId));
    const resumed = (await sockets.visitor(b, token, lastSeqSeen(visitor))).socket;
    const unacked = clientIds.filter((id) => !ackedIds.has(id));
    for (const id of unacked) resumed.send({ type: 'message.send', clientId: id, body: body(clientIds.indexOf(id)) });
    await until('acks for every resent message', () => unacked.every((id) => acksOf(resumed).some((ack) => ack.clientId === id)));
    expect(resumed.received.filter((f) => f.type === 'error')).toEqual([]);

    // Stored: all 50, each once, in the order sent, under contiguous seqs, as acknowledged.
    const rows = await storedMessages(conversationId);
    expectContiguous(rows);
    const fromVisitor = rows.filter((row) => row.author === 'visitor');
    expect(fromVisitor.map((row) => row.client_id)).toEqual(clientIds);
    expect(fromVisitor.map((row) => row.body)).toEqual(clientIds.map((_, i) => body(i)));
    const storedSeq = new Map(fromVisitor.map((row) => [row.client_id, row.seq]));
    for (const ack of [...ackedBeforeKill, ...acksOf(visitor), ...acksOf(resumed)]) expect(ack.seq).toBe(storedSeq.get(ack.clientId));

    // The consultant on B saw each of them once (per seq, as the console keeps them).
    const seen = () => seqsByClientId(messagesSeen(consultant, conversationId));
    await until('the consultant to see all 50', () => clientIds.every((id) => seen().has(id)));
    expect(clientIds.map((id) => seen().get(id))).toEqual(clientIds.map((id) => [storedSeq.get(id)]));
  });

  it('answers 503 while Redis is down, keeps acknowledging and storing, and recovers by itself', async () => {
    const { consultant, visitor, token, conversationId } = await liveConversation(a, b);
    const send = (socket: TestSocket, body: string, staff = false) => {
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body, ...(staff && { conversationId }) });
      return clientId;
    };
    const before = [send(visitor, 'before the outage'), send(consultant, 'reply before the outage', true)];
    await until('the messages before the outage to reach both sides', () =>
      before.every((id) => messagesHeld(visitor).some((m) => m.clientId === id) && messagesHeld(consultant, conversationId).some((m) => m.clientId === id)),
    );

    const during: string[] = [];
    try {
      await stopRedis();
      const down = await until('A to report Redis unavailable', async () => {
        const answer = await health(a);
        return answer.status === 503 && answer;
      }, { intervalMs: 50 });
      expect(down.body).toEqual({ status: 'unavailable', checks: { database: 'ok', bus: 'unavailable' } });

      // The database is the record: messages are still acknowledged and stored.
      for (let i = 0; i < 5; i++) during.push(send(visitor, `during the outage ${i}`));
      during.push(send(consultant, 'reply during the outage', true));
      for (const [socket, ids] of [[visitor, during.slice(0, 5)], [consultant, during.slice(5)]] as const) {
        for (const id of ids) expect(await replyTo(socket, id)).toMatchObject({ type: 'ack', clientId: id });
      }
      // And the office stays open: a new visitor can still start a conversation.
      await startConversation(b, uniqueName('during-the-outage'));
    } finally {
      await ensureRedis();
    }
    await Promise.all([a, b].map((instance) => untilHealthy(instance)));

    // Events may have been lost: every client is asked to resume (1012), from its last seq.
    expect((await closeOf(visitor)).code).toBe(1012);
    expect((await closeOf(consultant)).code).toBe(1012);
    const acked = new Map([...acksOf(visitor), ...acksOf(consultant)].map((ack) => [ack.clientId, ack.seq]));
    expect([...before, ...during].every((id) => acked.has(id))).toBe(true);

    const resumedVisitor = (await sockets.visitor(b, token, lastSeqSeen(visitor))).socket;
    const resumedConsultant = (await sockets.staff(a, cookies.anna)).socket;
    resumedConsultant.send({ type: 'conversation.sync', conversationId, lastSeq: lastSeqSeen(consultant, conversationId) });
    await resumedConsultant.next('history', (f) => f.conversationId === conversationId);

    for (const [first, second] of [[visitor, resumedVisitor], [consultant, resumedConsultant]] as const) {
      const seen = seqsByClientId([...messagesHeld(first, conversationId), ...messagesHeld(second, conversationId)]);
      for (const [clientId, seq] of acked) expect(seen.get(clientId), clientId).toEqual([seq]);
      // The catch-up itself repeats nothing.
      const replayed = messagesSeen(second, conversationId).map((m) => m.seq);
      expect(new Set(replayed).size).toBe(replayed.length);
    }
    const rows = await storedMessages(conversationId);
    expectContiguous(rows);
    expect(rows.filter((row) => row.client_id && acked.has(row.client_id)).map((row) => row.seq)).toEqual([...acked.values()].sort((x, y) => x - y));
    expect(await duplicateClientIds(conversationId)).toEqual([]);
  });

  it('rides out a PostgreSQL restart: failed sends are retried until stored once, and the app recovers', async () => {
    await Promise.all([a, b].map((instance) => untilHealthy(instance)));
    const { visitor, conversationId } = await liveConversation(a, b);
    const postmasterStart = async () => (await query<{ t: Date }>(databaseUrl, 'select pg_postmaster_start_time() as t'))[0]!.t.getTime();
    const startedBefore = await postmasterStart();

    // The outbox: a message stays until it is acknowledged; one that failed is resent under its
    // client id at the next retry (every 200 ms, as a person pressing "retry" would, only faster).
    const pending = new Map<string, string>();
    const failed = new Set<string>();
    const sentOrder: string[] = [];
    const errors: Extract<ServerFrame, { type: 'error' }>[] = [];
    visitor.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'ack') pending.delete(frame.clientId);
      if (frame.type !== 'error' || !frame.clientId) return;
      errors.push(frame);
      if (pending.has(frame.clientId)) failed.add(frame.clientId);
    });
    const retries = setInterval(() => {
      for (const clientId of failed) visitor.send({ type: 'message.send', clientId, body: pending.get(clientId)! });
      failed.clear();
    }, 200);
    const send = () => {
      const clientId = randomUUID();
      const body = `message ${sentOrder.length}`;
      pending.set(clientId, body);
      sentOrder.push(clientId);
      visitor.send({ type: 'message.send', clientId, body });
    };
    // Traffic throughout the restart: a message every 50 ms, until ten more after it.
    const traffic = setInterval(send, 50);
    try {
      await restartPostgres();
      const sentBeforeRestartEnded = sentOrder.length;
      await until('ten more messages after the restart', () => sentOrder.length >= sentBeforeRestartEnded + 10);
    } finally {
      clearInterval(traffic);
      await ensurePostgres();
    }
    await Promise.all([a, b].map((instance) => untilHealthy(instance)));
    try {
      await until('every message to be acknowledged', () => pending.size === 0);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${pending.size} of ${sentOrder.length} unacknowledged, ${errors.length} errors`);
    } finally {
      clearInterval(retries);
    }
    expect(visitor.socket.readyState, 'the socket stayed open throughout').toBe(visitor.socket.OPEN);

    expect(await postmasterStart()).toBeGreaterThan(startedBefore);
    expect(errors.length, 'some sends must have met the outage').toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['internal_error']));
    expect(a.alive() && b.alive()).toBe(true);

    const rows = await storedMessages(conversationId);
    expectContiguous(rows);
    const fromVisitor = rows.filter((row) => row.author === 'visitor').map((row) => row.client_id);
    expect([...fromVisitor].sort()).toEqual([...sentOrder].sort());
    const seqByClientId = new Map(acksOf(visitor).map((ack) => [ack.clientId, ack.seq]));
    for (const row of rows) if (row.client_id) expect(seqByClientId.get(row.client_id)).toBe(row.seq);

    // Without a restart of the app: new conversations start and are delivered on both instances.
    const again = await liveConversation(b, a, cookies.boris);
    const clientId = randomUUID();
    again.visitor.send({ type: 'message.send', clientId, body: 'after the restart' });
    await again.consultant.next('message', (f) => f.message.clientId === clientId);
  });
  it('starts while its Redis is unreachable, says so, and joins once Redis appears', async () => {
    const port = await freePort();
    const late = await launch('late', { REDIS_URL: `redis://127.0.0.1:${port}` }, { untilAnswering: true });
    const down = await health(late);
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({ database: 'ok', bus: 'unavailable' });
    await run('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
    try {
      await untilHealthy(late);
      expect(late.alive()).toBe(true);
    } finally {
      await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave']).catch(() => {});
    }
  });
});
