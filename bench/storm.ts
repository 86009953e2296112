/**
 * The reconnect storm (issue 20): visitors and consoles that follow the browser's own rules
 * (back-off with full jitter from src/web/common/connection.ts, resume from the last seq held,
 * resend of every unacknowledged message, `busy` retried after its delay) talk over the desk;
 * every instance is killed with SIGKILL under traffic and started again on the same port. It
 * measures how soon clients are back after the servers are healthy, and checks that nothing
 * acknowledged was lost, nothing was shown twice, nothing was left out, and every console came back.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { openDatabase } from '../src/server/db/database';
import type { ClientFrame, Message, ServerFrame } from '../src/shared/protocol';
import { reconnectDelay } from '../src/web/common/connection';
import { mapLimit, startConversation } from './clients';
import { addConsultant, login, peakRssKb, type BenchProcess } from './server';

const HANDSHAKE_TIMEOUT_MS = 15_000;
const RESEND_FALLBACK_MS = 1_000;
/** After the last message: how long a client may still take to show every seq of its conversations. */
const SETTLE_LIMIT_MS = 10_000;
/** Connecting and staffing the desk before the storm (not measured) may take long on a busy machine. */
const SETUP_LIMIT_MS = 1_200_000;
/** How long the setup waits for a round of takes before asking again for those not held. */
const TAKE_RETRY_MS = 10_000;

export interface StormPlan {
  visitors: number;
  perConsultant: number;
  /** Each visitor sends one message this often; each console one per this / perConsultant. */
  messageIntervalMs: number;
  /** Traffic before the kill. */
  beforeKillMs: number;
  /** How long to wait for every client after the servers are healthy again. */
  resumeLimitMs: number;
  /** Traffic after everyone is back, then quiet until every outbox is empty. */
  afterResumeMs: number;
}

export interface StormResult {
  label: string;
  visitors: number;
  consoles: number;
  /** From all instances healthy again to 95 % / 100 % of clients welcomed (null: never). */
  resumed95Ms: number | null;
  resumed100Ms: number | null;
  /** Acknowledged messages missing from the database. */
  lost: number;
  /**
   * Seqs the server sent a client again: in a welcome or live frame after the client had received
   * them, or live to the socket whose message it was (see `StormClient.take`).
   */
  duplicatesShown: number;
  /**
   * Seqs of a client's conversations in the database that it never showed, neither received nor
   * its own acked, within SETTLE_LIMIT_MS of the storm going quiet.
   */
  neverShown: number;
  /** Of `neverShown`, the seqs of clients without a welcomed socket at the end (not back yet). */
  neverShownOffline: number;
  consolesNotBack: number;
  /** Messages still unacknowledged in an outbox at the end. */
  unacknowledged: number;
  restartMs: number;
  /** The largest resident memory of any instance from its restart to the end of the storm. */
  peakRssMb: number;
  /** The machine's 1-minute load average when the instances were killed (the machine is shared). */
  loadAverage: number;
}

/** One case (database, instances) run several times. */
export interface StormCase {
  label: string;
  runs: StormResult[];
}

/**
 * What every storm client does: one socket at a time, back-off, resume, outbox. What it shows is
 * what the browsers show: every message received and its own messages from their acks (the server
 * does not echo a message to the socket that sent it; the ack carries the seq). It resumes by
 * received seqs alone, as the browsers do.
 */
abstract class StormClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  protected readonly outbox = new Map<string, { conversationId?: string; body: string }>();
  readonly acked = new Set<string>();
  /** Per conversation ('' for a visitor): every seq that came in a message, welcome or history frame. */
  protected readonly received = new Map<string, Set<number>>();
  /** Error frames that answered no message of its own (a take, a hello), by code. */
  readonly refusals = new Map<string, number>();
  /** Per conversation: every seq shown, the received ones and the client's own acked ones. */
  protected readonly shown = new Map<string, Set<number>>();
  /** Seqs acknowledged on the current socket: the server must never send them back to it live. */
  private ackedHere = new Set<string>();
  duplicates = 0;
  /** performance.now() of the first welcome after `expectResume()`. */
  resumedAt: number | null = null;
  private waitingForResume = false;

  constructor(
    protected readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  protected abstract hello(): ClientFrame;
  protected abstract isWelcome(frame: ServerFrame): boolean;
  protected abstract messageFrame(clientId: string, pending: { conversationId?: string; body: string }): ClientFrame;

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.terminate();
  }

  /** A new run counts its own acknowledged messages and duplicates. */
  newRun(): void {
    this.acked.clear();
    this.duplicates = 0;
  }

  expectResume(): void {
    this.waitingForResume = true;
    this.resumedAt = null;
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN && this.welcomed;
  }

  get pending(): number {
    return this.outbox.size;
  }

  private welcomed = false;

  /** Queues a message; it goes now if open, else after the next welcome (as the browser's outbox). */
  protected post(pending: { conversationId?: string; body: string }): void {
    const clientId = randomUUID();
    this.outbox.set(clientId, pending);
    if (this.open) this.write(this.messageFrame(clientId, pending));
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url, { headers: this.headers, perMessageDeflate: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    this.socket = socket;
    this.welcomed = false;
    this.ackedHere = new Set();
    const deadline = setTimeout(() => socket.terminate(), HANDSHAKE_TIMEOUT_MS);
    socket.on('open', () => socket.send(JSON.stringify(this.hello())));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (!this.welcomed && this.isWelcome(frame)) {
        clearTimeout(deadline);
        this.welcomed = true;
        this.attempt = 0;
        this.receive(frame);
        if (this.waitingForResume && this.resumedAt === null) this.resumedAt = performance.now();
        for (const [clientId, pending] of this.outbox) this.write({ ...this.messageFrame(clientId, pending), resent: true } as ClientFrame);
        return;
      }
      if (frame.type === 'error' && frame.code === 'busy' && !this.welcomed) return socket.terminate();
      this.receive(frame);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(deadline);
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      setTimeout(() => this.connect(), reconnectDelay(this.attempt++));
    });
  }

  protected write(frame: ClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ack': {
        const pending = this.outbox.get(frame.clientId);
        this.outbox.delete(frame.clientId);
        this.acked.add(frame.clientId);
        const conversationId = pending?.conversationId ?? frame.conversationId ?? '';
        this.seqs(this.shown, conversationId).add(frame.seq);
        this.ackedHere.add(`${conversationId}:${frame.seq}`);
        break;
      }
      case 'error':
        if (!frame.clientId) this.refusals.set(frame.code, (this.refusals.get(frame.code) ?? 0) + 1);
        if (frame.clientId && frame.code === 'busy') this.retryLater(frame.clientId, frame.retryAfterMs ?? RESEND_FALLBACK_MS);
        else if (frame.clientId) this.outbox.delete(frame.clientId);
        break;
      default:
        this.hold(frame);
    }
  }

  private retryLater(clientId: string, delayMs: number): void {
    setTimeout(() => {
      const pending = this.outbox.get(clientId);
      if (pending && this.open) this.write({ ...this.messageFrame(clientId, pending), resent: true } as ClientFrame);
    }, delayMs + Math.random() * delayMs);
  }

  private seqs(of: Map<string, Set<number>>, conversationId: string): Set<number> {
    const seqs = of.get(conversationId) ?? new Set<number>();
    of.set(conversationId, seqs);
    return seqs;
  }

  /**
   * Messages from the server. Shown twice: a welcome carrying a seq received already (it resumes
   * after the last received), or a live frame carrying a seq received already or acked on this
   * very socket (an echo to its sender). A history may repeat received seqs above a gap: the
   * console asked from below them and merges by seq.
   */
  protected take(conversationId: string, messages: readonly Message[], kind: 'welcome' | 'live' | 'history'): void {
    const received = this.seqs(this.received, conversationId);
    const shown = this.seqs(this.shown, conversationId);
    for (const message of messages) {
      const twice = kind === 'live' ? received.has(message.seq) || this.ackedHere.has(`${conversationId}:${message.seq}`) : kind === 'welcome' && received.has(message.seq);
      if (twice) this.duplicates++;
      received.add(message.seq);
      shown.add(message.seq);
      if (message.clientId && this.outbox.has(message.clientId)) {
        this.outbox.delete(message.clientId);
        this.acked.add(message.clientId);
      }
    }
  }

  protected abstract hold(frame: ServerFrame): void;

  /** Seqs of the conversation up to `lastSeq` this client never showed. */
  missingUpTo(conversationId: string, lastSeq: number): number {
    const seqs = this.shown.get(conversationId) ?? new Set<number>();
    let missing = 0;
    for (let seq = 1; seq <= lastSeq; seq++) if (!seqs.has(seq)) missing++;
    return missing;
  }
}

class StormVisitor extends StormClient {
  constructor(
    url: string,
    private readonly token: string,
    readonly conversationId: string,
  ) {
    super(url);
  }

  /**
   * As chat-session.ts: a backlog page is complete up to its last seq; a live message, or the ack
   * of its own message, only fills a gap.
   */
  private backlogTop = 0;

  private get resumeFrom(): number {
    const held = this.shown.get('');
    let seq = this.backlogTop;
    while (held?.has(seq + 1)) seq++;
    return seq;
  }

  protected hello(): ClientFrame {
    return { type: 'visitor.hello', token: this.token, lastSeq: this.resumeFrom };
  }

  protected isWelcome(frame: ServerFrame): boolean {
    return frame.type === 'welcome.visitor';
  }

  protected messageFrame(clientId: string, pending: { body: string }): ClientFrame {
    return { type: 'message.send', clientId, body: pending.body };
  }

  protected hold(frame: ServerFrame): void {
    const backlog = frame.type === 'welcome.visitor' ? frame.missed : frame.type === 'history' ? frame.messages : [];
    if (frame.type === 'welcome.visitor') this.take('', frame.missed, 'welcome');
    else if (frame.type === 'history') this.take('', frame.messages, 'history');
    else if (frame.type === 'message') this.take('', [frame.message], 'live');
    this.backlogTop = Math.max(this.backlogTop, ...backlog.map((message) => message.seq));
  }

  say(): void {
    this.post({ body: 'Czy mogę jeszcze coś dopisać?' });
  }

  missing(lastSeq: number): number {
    return this.missingUpTo('', lastSeq);
  }

  /** Seqs not shown below the seq it resumes from: no reconnect will bring them. */
  skipped(lastSeq: number): number {
    const resumeFrom = (this.hello() as { lastSeq: number }).lastSeq;
    return this.missingUpTo('', Math.min(lastSeq, resumeFrom));
  }
}

class StormConsole extends StormClient {
  /** As desk-state.ts: per conversation whose history arrived, the seq up to which it shows every message. */
  private readonly contiguous = new Map<string, number>();

  constructor(
    url: string,
    cookie: string,
    readonly conversationIds: string[],
  ) {
    super(url, { cookie });
  }

  protected hello(): ClientFrame {
    return { type: 'staff.hello', resume: this.conversationIds.map((conversationId) => ({ conversationId, lastSeq: this.contiguous.get(conversationId) ?? 0 })) };
  }

  protected isWelcome(frame: ServerFrame): boolean {
    return frame.type === 'welcome.staff';
  }

  protected messageFrame(clientId: string, pending: { conversationId?: string; body: string }): ClientFrame {
    return { type: 'message.send', conversationId: pending.conversationId, clientId, body: pending.body };
  }

  protected hold(frame: ServerFrame): void {
    if (frame.type === 'history') {
      this.take(frame.conversationId, frame.messages, 'history');
      this.advance(frame.conversationId);
    } else if (frame.type === 'message' && frame.conversationId) {
      this.take(frame.conversationId, [frame.message], 'live');
      if (this.contiguous.has(frame.conversationId)) this.advance(frame.conversationId);
    }
  }

  /** Own acked messages count toward it, as in the console, but only a received frame moves it. */
  private advance(conversationId: string): void {
    const shown = this.shown.get(conversationId);
    let last = this.contiguous.get(conversationId) ?? 0;
    while (shown?.has(last + 1)) last++;
    this.contiguous.set(conversationId, last);
  }

  /** The history of a taken conversation has arrived. */
  holds(conversationId: string): boolean {
    return this.received.has(conversationId);
  }

  answer(): void {
    const conversationId = this.conversationIds[Math.floor(Math.random() * this.conversationIds.length)];
    if (conversationId) this.post({ conversationId, body: 'Proszę chwilę poczekać.' });
  }

  send(frame: ClientFrame): void {
    this.write(frame);
  }
}

export interface StormSetup {
  label: string;
  databaseUrl: string;
  /** The instances (clients spread over them); each is killed and started again on its port. */
  instances: BenchProcess[];
  restart(instance: BenchProcess): Promise<BenchProcess>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refusals(clients: readonly StormClient[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const client of clients) for (const [code, count] of client.refusals) total.set(code, (total.get(code) ?? 0) + count);
  return total;
}

async function until(condition: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Sets up the desk once (consultants signed in, every conversation taken, every client connected),
 * then runs the storm `runs` times on it: traffic, kill -9 of every instance, restart, resume,
 * quiet. Each run starts once every client is back and counts its own figures; a seq never shown
 * counts in every later run too (it stays missing).
 */
export async function measureStorm(setup: StormSetup, plan: StormPlan, runs: number, progress: (text: string) => void): Promise<StormResult[]> {
  let instances = setup.instances;
  const at = (i: number) => instances[i % instances.length]!;
  const consoleCount = Math.ceil(plan.visitors / plan.perConsultant);

  const accounts = await mapLimit(Array.from({ length: consoleCount }, (_, i) => i), 4, (i) => addConsultant(setup.databaseUrl, 1_000 + i));
  const cookies = await mapLimit(accounts, 4, (account, i) => login(at(i).baseUrl, account));
  progress(`${setup.label}: ${consoleCount} consultants added and signed in; starting ${plan.visitors} conversations`);
  const tokens = await mapLimit(Array.from({ length: plan.visitors }, (_, i) => i), 16, (i) => startConversation(at(i).baseUrl, `storm-${i}`));
  const database = openDatabase(setup.databaseUrl);
  const clients: StormClient[] = [];
  try {
    const rows = await database.db.selectFrom('conversations').select(['id', 'visitor_name']).where('visitor_name', 'like', 'storm-%').execute();
    const idOf = new Map(rows.map((row) => [row.visitor_name, row.id]));
    const visitors = tokens.map((token, i) => new StormVisitor(at(i).wsUrl, token, idOf.get(`storm-${i}`)!));
    const consoles = cookies.map(
      (cookie, k) => new StormConsole(at(k).wsUrl, cookie, visitors.filter((_, i) => i % consoleCount === k).map((v) => v.conversationId)),
    );
    clients.push(...visitors, ...consoles);
    progress(`${setup.label}: ${consoles.length} consoles, ${visitors.length} visitors connecting`);
    for (const client of clients) client.start();
    if (!(await until(() => clients.every((client) => client.open), SETUP_LIMIT_MS))) throw new Error('not every client connected');
    // A take still unanswered after TAKE_RETRY_MS is asked again, as a consultant would click
    // again (a take of one's own conversation is answered with its history). Not measured. The
    // answers are slow, not missing: 2,000 takes at once with 2,000 visitors waiting take about 19 s
    // on SQLite, as each take moves every visitor behind it up one place (1.07 million position
    // frames in all); with no visitor connected the same takes are answered within 5 s.
    const takeMissing = () => {
      for (const console of consoles) for (const conversationId of console.conversationIds) if (!console.holds(conversationId)) console.send({ type: 'conversation.take', conversationId });
    };
    const allTaken = () => consoles.every((c) => c.conversationIds.every((id) => c.holds(id)));
    const takesUntil = performance.now() + SETUP_LIMIT_MS;
    let takeRounds = 0;
    while (!allTaken() && performance.now() < takesUntil) {
      takeMissing();
      takeRounds++;
      await until(allTaken, TAKE_RETRY_MS);
    }
    if (!allTaken()) throw new Error('not every conversation was taken');
    progress(`${setup.label}: desk staffed (${takeRounds} round${takeRounds === 1 ? '' : 's'} of takes; refusals ${JSON.stringify(Object.fromEntries(refusals(consoles)))})`);

    const stormRun = async (): Promise<StormResult> => {
      for (const client of clients) client.newRun();
      const consoleEvery = plan.messageIntervalMs / plan.perConsultant;
      const timers = [
        // Spread over the first interval: the first message at a random point of it, then every interval.
        ...visitors.map((visitor) =>
          setTimeout(() => {
            visitor.say();
            timers.push(setInterval(() => visitor.say(), plan.messageIntervalMs));
          }, Math.random() * plan.messageIntervalMs),
        ),
        ...consoles.map((console) => setInterval(() => console.answer(), consoleEvery)),
      ];
      await sleep(plan.beforeKillMs);

      progress(`${setup.label}: kill -9 under traffic, then start again`);
      for (const client of clients) client.expectResume();
      const loadAverage = os.loadavg()[0]!;
      const refusedBefore = refusals(clients);
      const killedAt = performance.now();
      await Promise.all(instances.map((instance) => instance.kill()));
      instances = await Promise.all(instances.map((instance) => setup.restart(instance)));
      const healthyAt = performance.now();
      await until(() => clients.every((client) => client.resumedAt !== null), plan.resumeLimitMs);
      const delays = clients.map((client) => (client.resumedAt === null ? Infinity : Math.max(0, client.resumedAt - healthyAt))).sort((a, b) => a - b);
      const quantile = (q: number) => {
        const value = delays[Math.ceil(q * delays.length) - 1]!;
        return Number.isFinite(value) ? Math.round(value) : null;
      };
      const refusedNow = [...refusals(clients)].map(([code, count]) => [code, count - (refusedBefore.get(code) ?? 0)]);
      progress(`${setup.label}: resumed ${delays.filter(Number.isFinite).length} of ${delays.length} (refusals ${JSON.stringify(Object.fromEntries(refusedNow))}); traffic, then quiet`);

      await sleep(plan.afterResumeMs);
      for (const timer of timers) clearInterval(timer);
      await until(() => clients.every((client) => client.pending === 0), 30_000);
      // Quiet now: the log is final. Whatever a client has not shown yet may still be on its way (a
      // paged backlog, a live frame): only what is still missing after SETTLE_LIMIT_MS never came.
      const lastSeqs = new Map((await database.db.selectFrom('conversations').select(['id', 'last_seq']).execute()).map((row) => [row.id, row.last_seq]));
      const notShown = (which: (client: StormClient) => boolean = () => true) =>
        visitors.filter(which).reduce((sum, v) => sum + v.missing(lastSeqs.get(v.conversationId) ?? 0), 0) +
        consoles.filter(which).reduce((sum, c) => sum + c.conversationIds.reduce((s, id) => s + c.missingUpTo(id, lastSeqs.get(id) ?? 0), 0), 0);
      progress(`${setup.label}: quiet; ${notShown()} seqs not shown yet, waiting up to ${SETTLE_LIMIT_MS / 1000} s`);
      await until(() => notShown() === 0, SETTLE_LIMIT_MS);
      const neverShown = notShown();
      const neverShownOffline = notShown((client) => !client.open);
      const skipped = visitors.reduce((sum, v) => sum + v.skipped(lastSeqs.get(v.conversationId) ?? 0), 0);
      progress(`${setup.label}: never shown ${neverShown}: to visitors ${notShown((c) => c instanceof StormVisitor)} (below the seq they resume from: ${skipped}), to consoles ${notShown((c) => c instanceof StormConsole)}; to clients not back ${neverShownOffline}`);

      const acked = clients.flatMap((client) => [...client.acked]);
      const storedIds = new Set<string>();
      for (let i = 0; i < acked.length; i += 500) {
        const batch = await database.db.selectFrom('messages').select('client_id').where('client_id', 'in', acked.slice(i, i + 500)).execute();
        for (const row of batch) if (row.client_id) storedIds.add(row.client_id);
      }
      return {
        label: setup.label,
        visitors: visitors.length,
        consoles: consoles.length,
        resumed95Ms: quantile(0.95),
        resumed100Ms: quantile(1),
        lost: acked.filter((clientId) => !storedIds.has(clientId)).length,
        duplicatesShown: clients.reduce((sum, client) => sum + client.duplicates, 0),
        neverShown,
        neverShownOffline,
        consolesNotBack: consoles.filter((console) => console.resumedAt === null).length,
        unacknowledged: clients.reduce((sum, client) => sum + client.pending, 0),
        restartMs: Math.round(healthyAt - killedAt),
        peakRssMb: Math.round(Math.max(...instances.map((instance) => peakRssKb(instance.pid))) / 1024),
        loadAverage,
      };
    };

    const results: StormResult[] = [];
    for (let run = 1; run <= runs; run++) {
      if (!(await until(() => clients.every((client) => client.open), SETUP_LIMIT_MS))) throw new Error(`not every client was back before run ${run}`);
      progress(`${setup.label}: run ${run} of ${runs}: traffic`);
      const result = await stormRun();
      progress(`${setup.label}: run ${run}: ${JSON.stringify(result)}`);
      results.push(result);
    }
    return results;
  } finally {
    for (const client of clients) client.stop();
    await database.close();
    await Promise.all(instances.map((instance) => instance.stop()));
  }
}

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const verdict = (ok: boolean) => (ok ? 'ok' : '**MISSED**');

/** The middle value (null: never, counts as the slowest); of an even number, the upper middle. */
function median(values: readonly (number | null)[]): number | null {
  const sorted = [...values].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  return sorted[Math.floor(sorted.length / 2)] ?? null;
}

/**
 * The storm's rows, in the bench report's table style: per figure the median of the runs, each
 * run in brackets. Timings are judged by their median; what must be 0 must be 0 in every run.
 */
export function renderStorm(cases: StormCase[]): string {
  const lines = ['', '## Reconnect storm (kill -9 under traffic, restart)', '', '| case | figure | target | verdict |', '| --- | --- | --- | --- |'];
  for (const { label, runs } of cases) {
    const first = runs[0];
    if (!first) continue;
    const who = `${label}: ${first.visitors} visitors + ${first.consoles} consoles, median of ${runs.length}`;
    const each = (format: (r: StormResult) => string) => (runs.length > 1 ? ` (runs: ${runs.map(format).join(' / ')})` : '');
    const timing = (pick: (r: StormResult) => number | null) => `${seconds(median(runs.map(pick)))}${each((r) => seconds(pick(r)))}`;
    const count = (pick: (r: StormResult) => number) => `${median(runs.map(pick))}${each((r) => String(pick(r)))}`;
    const zero = (pick: (r: StormResult) => number) => verdict(runs.every((r) => pick(r) === 0));
    const resumed95 = median(runs.map((r) => r.resumed95Ms));
    const resumed100 = median(runs.map((r) => r.resumed100Ms));
    lines.push(
      `| ${who} | load average (1 min) at the kill ${count((r) => Number(r.loadAverage.toFixed(1)))} | — | — |`,
      `| ${who} | restart until healthy ${timing((r) => r.restartMs)} | — | — |`,
      `| ${who} | server peak RSS (MiB) from restart to end ${count((r) => r.peakRssMb)} | — | — |`,
      `| ${who} | 95 % resumed after ${timing((r) => r.resumed95Ms)} | ≤ 10 s | ${verdict(resumed95 !== null && resumed95 <= 10_000)} |`,
      `| ${who} | 100 % resumed after ${timing((r) => r.resumed100Ms)} | ≤ 20 s | ${verdict(resumed100 !== null && resumed100 <= 20_000)} |`,
      `| ${who} | messages lost ${count((r) => r.lost)} | 0 | ${zero((r) => r.lost)} |`,
      `| ${who} | unacknowledged at the end ${count((r) => r.unacknowledged)} | 0 | ${zero((r) => r.unacknowledged)} |`,
      `| ${who} | duplicates shown ${count((r) => r.duplicatesShown)} | 0 | ${zero((r) => r.duplicatesShown)} |`,
      `| ${who} | seqs never shown ${count((r) => r.neverShown)}, of them to clients not back at the end ${count((r) => r.neverShownOffline)} | 0 | ${zero((r) => r.neverShown)} |`,
      `| ${who} | consoles not back ${count((r) => r.consolesNotBack)} | 0 | ${zero((r) => r.consolesNotBack)} |`,
    );
  }
  return lines.join('\n');
}
