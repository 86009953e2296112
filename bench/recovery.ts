/**
 * Two instances on one PostgreSQL and one Redis (the bench's own: see private-services.ts), and
 * the figures the scale tests check only for correctness: how fast two consultants on different
 * instances can take conversations (each exactly once), and how long after Redis or PostgreSQL
 * comes back every instance is healthy and every client is served again.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ClientFrame, ServerFrame } from '../src/shared/protocol';
import { reconnectDelay } from '../src/web/common/connection';
import { BenchSocket, mapLimit, startConversation } from './clients';
import { pollUntil, startPrivatePostgres, startPrivateRedis, type PrivateService } from './private-services';
import { addConsultant, login, postgresDatabase, startServer, type BenchProcess } from './server';

export interface RecoveryPlan {
  /** Conversations the two consultants race for. */
  takes: number;
  /** Visitors connected (half to each instance) through the outages. */
  clients: number;
}

export interface RecoveryResult {
  takes: { conversations: number; perSecond: number; exactlyOnce: number };
  redis: { instancesHealthyMs: number; clientsResumedMs: number; clients: number; notResumed: number };
  postgres: { instancesHealthyMs: number; clientsServedMs: number; clients: number; notServed: number };
}

type Cleanup = (task: () => unknown) => void;

/** Generous: only a run that would never end stops at it. */
const GIVE_UP_AFTER_MS = 120_000;

export async function measureRecovery(plan: RecoveryPlan, onCleanup: Cleanup, progress: (text: string) => void): Promise<RecoveryResult> {
  const [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  onCleanup(() => redis.remove());
  onCleanup(() => postgres.remove());
  const database = await postgresDatabase(postgres.url);
  const instances = await Promise.all([0, 1].map(() => startServer({ databaseUrl: database.url, redisUrl: redis.url })));
  for (const instance of instances) onCleanup(() => instance.stop());

  progress(`recovery: ${plan.takes} conversations taken by two consultants at once on two instances`);
  const takes = await measureTakes(instances, database.url, plan.takes);
  progress(`recovery: ${plan.clients} visitors connected, then Redis stopped and started`);
  const visitors = await mapLimit(Array.from({ length: plan.clients }, (_, i) => instances[i % 2]!), 20, async (instance, i) =>
    ResumingVisitor.connect(instance, await startConversation(instance.baseUrl, `outage-${i}`)),
  );
  onCleanup(() => visitors.forEach((visitor) => visitor.close()));
  const redisResult = await measureRedisOutage(redis, instances, visitors);
  progress('recovery: PostgreSQL restarted under the same visitors');
  const postgresResult = await measurePostgresRestart(postgres, instances, visitors);
  return { takes, redis: redisResult, postgres: postgresResult };
}

// -- takes ------------------------------------------------------------------------------------------

async function openConsole(instance: BenchProcess, cookie: string): Promise<{ socket: BenchSocket; userId: string }> {
  const socket = await BenchSocket.open(instance.wsUrl, { cookie });
  const welcome = socket.waitFor((frame) => frame.type === 'welcome.staff');
  socket.send({ type: 'staff.hello' });
  const frame = await welcome;
  return { socket, userId: frame.type === 'welcome.staff' ? frame.user.id : '' };
}

/** The ids of the waiting conversations a console has been told of, by visitor name. */
function waitingIds(socket: BenchSocket): Map<string, string> {
  const ids = new Map<string, string>();
  socket.listen((frame) => {
    if (frame.type === 'conversation.updated' && frame.conversation.status === 'waiting') ids.set(frame.conversation.visitorName ?? '', frame.conversation.id);
  });
  return ids;
}

type TakeOutcome = 'took' | 'refused';

function outcomeOf(socket: BenchSocket, conversationId: string): Promise<TakeOutcome> {
  return socket
    .waitFor((frame) => (frame.type === 'history' || frame.type === 'error') && frame.conversationId === conversationId, GIVE_UP_AFTER_MS)
    .then((frame) => (frame.type === 'history' ? 'took' : 'refused'));
}

async function measureTakes(instances: BenchProcess[], databaseUrl: string, count: number): Promise<RecoveryResult['takes']> {
  const accounts = await Promise.all([1, 2].map((i) => addConsultant(databaseUrl, i)));
  const consoles = await Promise.all(instances.map(async (instance, i) => openConsole(instance, await login(instance.baseUrl, accounts[i]!))));
  const seen = consoles.map((console) => waitingIds(console.socket));
  const names = Array.from({ length: count }, () => `race-${randomUUID()}`);
  await mapLimit(names, 20, (name, i) => startConversation(instances[i % 2]!.baseUrl, name));
  await pollUntil('every waiting conversation to reach both consoles', () => seen.every((ids) => names.every((name) => ids.has(name))), {
    giveUpAfterMs: GIVE_UP_AFTER_MS,
  });
  const ids = names.map((name) => seen[0]!.get(name)!);

  const winners: string[] = [];
  let fair = 0;
  const started = performance.now();
  for (const conversationId of ids) {
    const outcomes = consoles.map((console) => outcomeOf(console.socket, conversationId));
    for (const console of consoles) console.socket.send({ type: 'conversation.take', conversationId });
    const [first, second] = await Promise.all(outcomes);
    if ([first, second].sort().join() === 'refused,took') fair++;
    winners.push(first === 'took' ? consoles[0]!.userId : consoles[1]!.userId);
  }
  const seconds = (performance.now() - started) / 1000;
  consoles.forEach((console) => console.socket.close());
  const agreed = await storedWinnersAgree(databaseUrl, ids, winners);
  return { conversations: count, perSecond: count / seconds, exactlyOnce: Math.min(fair, agreed) };
}

/** Conversations whose one assignee is the consultant told "took", with one "joined" notice. */
async function storedWinnersAgree(databaseUrl: string, ids: string[], winners: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; assignee_id: string; joined: string }>(
      `select c.id, c.assignee_id, count(*) filter (where m.event = 'consultant_joined') as joined
         from conversations c join messages m on m.conversation_id = c.id
        where c.id = any($1) group by c.id, c.assignee_id`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.filter((id, i) => byId.get(id)?.assignee_id === winners[i] && Number(byId.get(id)?.joined) === 1).length;
  } finally {
    await client.end();
  }
}

// -- visitors that resume as the browser does ------------------------------------------------------

/** A visitor socket that reconnects after every close with the browser's back-off and resumes from its last seq. */
class ResumingVisitor {
  private socket: BenchSocket | undefined;
  private lastSeq = 0;
  private attempt = 0;
  private closedForGood = false;
  /** performance.now() of the latest welcome. */
  welcomedAt = 0;
  /** performance.now() of the latest close. */
  droppedAt = 0;
  private readonly acked = new Set<string>();

  private constructor(
    private readonly instance: BenchProcess,
    private readonly token: string,
  ) {}

  static async connect(instance: BenchProcess, token: string): Promise<ResumingVisitor> {
    const visitor = new ResumingVisitor(instance, token);
    await visitor.open();
    return visitor;
  }

  get connected(): boolean {
    return this.socket?.isOpen === true && this.welcomedAt > this.droppedAt;
  }

  hasAck(clientId: string): boolean {
    return this.acked.has(clientId);
  }

  /** Sends now if connected; the caller resends until acknowledged, as the browser's outbox does. */
  send(frame: ClientFrame): void {
    if (this.connected) this.socket!.send(frame);
  }

  close(): void {
    this.closedForGood = true;
    this.socket?.close();
  }

  private async open(): Promise<void> {
    const socket = await BenchSocket.open(this.instance.wsUrl);
    this.socket = socket;
    socket.listen((frame) => this.receive(frame));
    const welcome = socket.waitFor((frame) => frame.type === 'welcome.visitor', GIVE_UP_AFTER_MS);
    socket.send({ type: 'visitor.hello', token: this.token, lastSeq: this.lastSeq });
    const refused = socket.closed.then((code) => Promise.reject(new Error(`closed before the welcome (${code})`)));
    refused.catch(() => {}); // a close after the welcome is handled by dropped()
    await Promise.race([welcome, refused]);
    this.welcomedAt = performance.now();
    this.attempt = 0;
    void socket.closed.then(() => this.dropped());
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === 'message') this.lastSeq = Math.max(this.lastSeq, frame.message.seq);
    if (frame.type === 'welcome.visitor') for (const message of frame.missed) this.lastSeq = Math.max(this.lastSeq, message.seq);
    if (frame.type === 'ack') {
      this.acked.add(frame.clientId);
      this.lastSeq = Math.max(this.lastSeq, frame.seq);
    }
  }

  private dropped(): void {
    this.droppedAt = performance.now();
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closedForGood) return;
    setTimeout(() => void this.open().catch(() => this.reconnect()), reconnectDelay(this.attempt++));
  }
}

// -- outages ------------------------------------------------------------------------------------------

const healthy = async (instance: BenchProcess) => {
  const response = await fetch(`${instance.baseUrl}/healthz`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
  return response?.status === 200;
};

async function allHealthy(instances: BenchProcess[]): Promise<boolean> {
  return (await Promise.all(instances.map(healthy))).every(Boolean);
}

async function measureRedisOutage(redis: PrivateService, instances: BenchProcess[], visitors: ResumingVisitor[]): Promise<RecoveryResult['redis']> {
  await redis.stop();
  await pollUntil('the instances to notice Redis is gone', async () => (await Promise.all(instances.map(healthy))).every((up) => !up), { giveUpAfterMs: GIVE_UP_AFTER_MS });
  await redis.start();
  const back = performance.now();
  await pollUntil('every instance healthy after Redis came back', () => allHealthy(instances), { giveUpAfterMs: GIVE_UP_AFTER_MS });
  const instancesHealthyMs = performance.now() - back;
  // Every client is asked to resume once the bus is back; resumed = welcomed after that drop.
  const resumed = () => visitors.every((visitor) => visitor.droppedAt > back && visitor.connected);
  await pollUntil('every visitor to resume', resumed, { giveUpAfterMs: GIVE_UP_AFTER_MS }).catch(() => {});
  const notResumed = visitors.filter((visitor) => !(visitor.droppedAt > back && visitor.connected)).length;
  const clientsResumedMs = Math.max(...visitors.map((visitor) => visitor.welcomedAt)) - back;
  return { instancesHealthyMs, clientsResumedMs, clients: visitors.length, notResumed };
}

async function measurePostgresRestart(postgres: PrivateService, instances: BenchProcess[], visitors: ResumingVisitor[]): Promise<RecoveryResult['postgres']> {
  await postgres.stop();
  await postgres.start();
  const back = performance.now();
  await pollUntil('every instance healthy after PostgreSQL came back', () => allHealthy(instances), { giveUpAfterMs: GIVE_UP_AFTER_MS });
  const instancesHealthyMs = performance.now() - back;
  // Served again = a message of each visitor acknowledged (so stored), resent every 200 ms until then.
  const clientIds = visitors.map(() => randomUUID());
  const unserved = () => visitors.filter((visitor, i) => !visitor.hasAck(clientIds[i]!));
  const resend = () => unserved().forEach((visitor) => visitor.send({ type: 'message.send', clientId: clientIds[visitors.indexOf(visitor)]!, body: 'after the restart' }));
  resend();
  const timer = setInterval(resend, 200);
  await pollUntil('a message of every visitor to be stored', () => unserved().length === 0, { giveUpAfterMs: GIVE_UP_AFTER_MS })
    .catch(() => {})
    .finally(() => clearInterval(timer));
  return { instancesHealthyMs, clientsServedMs: performance.now() - back, clients: visitors.length, notServed: unserved().length };
}
