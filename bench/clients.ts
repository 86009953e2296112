/**
 * The load generator's side of the wire: real WebSocket clients speaking src/shared/protocol.ts,
 * and the set-ups the measurements run on (a staffed desk on our server, or pairs on the bare
 * relay). Consultants and visitors behave the same on both, so the floor is measured alike.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../src/shared/protocol';
import type { ErrorFrame } from '../src/shared/wire/connection';
import { retryLater } from '../src/web/common/connection';
import { addConsultant, login, type BenchProcess } from './server';

const OPEN_TIMEOUT_MS = 10_000;
const SETUP_TIMEOUT_MS = 120_000;

type Listener = (frame: ServerFrame) => void;

export class BenchSocket {
  private readonly listeners = new Set<Listener>();
  /** Resolves with the close code once the socket is closed, by either side. */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((done) => socket.once('close', done));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      for (const listener of this.listeners) listener(frame);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<BenchSocket> {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: OPEN_TIMEOUT_MS });
    return new Promise((done, fail) => {
      socket.once('open', () => done(new BenchSocket(socket)));
      socket.once('error', fail);
      socket.once('close', (code) => fail(new Error(`closed before open (${code})`)));
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Adds a listener; returns its removal. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first frame from now on that matches (an error frame is returned, not thrown). */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs = OPEN_TIMEOUT_MS): Promise<ServerFrame> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        stop();
        fail(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.listen((frame) => {
        if (!match(frame)) return;
        clearTimeout(timer);
        stop();
        done(frame);
      });
    });
  }

  send(frame: ClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Runs `task` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// -- our protocol ---------------------------------------------------------------------------------

/** POST /api/conversations; returns the visitor's token. */
export async function startConversation(baseUrl: string, visitorName: string, language = 'pl'): Promise<string> {
  const post = () =>
    fetch(`${baseUrl}/api/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language, topic: 'work', visitorName, privacyAccepted: true }),
      signal: AbortSignal.timeout(OPEN_TIMEOUT_MS),
    });
  // One retry for a connection lost under load (undici does not retry a POST itself); a second
  // conversation started by it is harmless here.
  const response = await post().catch(post);
  if (response.status !== 201) throw new Error(`start conversation: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A hello the server was too busy for is tried again on a new socket, as the browser does. */
class HelloBusy extends Error {
  constructor(readonly frame: ErrorFrame) {
    super('hello refused: busy');
  }
}

const HELLO_ATTEMPTS = 20;

async function hello(socket: BenchSocket, frame: ClientFrame, welcome: ServerFrame['type']): Promise<BenchSocket> {
  const reply = socket.waitFor((f) => f.type === welcome || f.type === 'error');
  socket.send(frame);
  try {
    const first = await reply;
    if (first.type === 'error' && first.code === 'busy') throw new HelloBusy(first);
    if (first.type === 'error') throw new Error(`hello refused: ${first.code}`);
    return socket;
  } catch (error) {
    socket.close();
    throw error;
  }
}

/** Opens and says hello, again after a `busy` answer's delay by the browser's own rule (`retryLater`). */
async function helloUntilAdmitted(open: () => Promise<BenchSocket>, frame: ClientFrame, welcome: ServerFrame['type']): Promise<BenchSocket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await hello(await open(), frame, welcome);
    } catch (error) {
      if (!(error instanceof HelloBusy) || attempt === HELLO_ATTEMPTS) throw error;
      await new Promise<void>((resolve) => retryLater(error.frame, resolve));
    }
  }
}

/** `listener` hears every frame from the welcome on, those sent right behind it too. */
export async function openVisitor(wsUrl: string, token: string, listener?: Listener): Promise<BenchSocket> {
  const open = async () => {
    const socket = await BenchSocket.open(wsUrl);
    if (listener) socket.listen(listener);
    return socket;
  };
  return helloUntilAdmitted(open, { type: 'visitor.hello', token, lastSeq: 0 }, 'welcome.visitor');
}

export async function openConsultant(wsUrl: string, cookie: string): Promise<BenchSocket> {
  return helloUntilAdmitted(() => BenchSocket.open(wsUrl, { cookie }), { type: 'staff.hello' }, 'welcome.staff');
}

/** A consultant who answers each visitor message at once, echoing its body (the round-trip tag). */
function replyOnReceipt(consultant: BenchSocket): void {
  consultant.listen((frame) => {
    if (frame.type !== 'message' || frame.message.author !== 'visitor' || !frame.conversationId) return;
    consultant.send({ type: 'message.send', conversationId: frame.conversationId, clientId: randomUUID(), body: frame.message.body });
  });
}

// -- round trips ----------------------------------------------------------------------------------

export interface RoundTripVisitor {
  send(tag: string): void;
  /** Replaces the handler for consultant replies (the tag the visitor sent). */
  onReply(handler: (tag: string) => void): void;
}

function roundTripVisitor(socket: BenchSocket): RoundTripVisitor {
  let handler: (tag: string) => void = () => {};
  socket.listen((frame) => {
    if (frame.type === 'message' && frame.message.author === 'staff') handler(frame.message.body);
  });
  return {
    send: (tag) => socket.send({ type: 'message.send', clientId: randomUUID(), body: tag }),
    onReply: (next) => (handler = next),
  };
}

export interface RoundTripWorld {
  visitors: RoundTripVisitor[];
  /** A staff console socket (receives every conversation.updated of the desk). */
  consoleSocket: BenchSocket | undefined;
  close(): void;
}

export interface DeskSetup {
  /** Where visitors start conversations and connect. */
  visitorServer: BenchProcess;
  /** Where consultants sign in and connect (the same server, or a second instance). */
  staffServer: BenchProcess;
  databaseUrl: string;
  conversations: number;
  perConsultant: number;
}

async function openConsultants(setup: DeskSetup, count: number): Promise<BenchSocket[]> {
  const accounts = await mapLimit(range(count), 4, (i) => addConsultant(setup.databaseUrl, i));
  const cookies = await mapLimit(accounts, 4, (account) => login(setup.staffServer.baseUrl, account));
  return mapLimit(cookies, 8, (cookie) => openConsultant(setup.staffServer.wsUrl, cookie));
}

/** Starts conversations named `${prefix}<i>`; the console socket tells their ids. */
async function startConversations(setup: DeskSetup, consoleSocket: BenchSocket, prefix: string, count: number) {
  const ids = new Map<string, string>();
  const stop = consoleSocket.listen((frame) => {
    if (frame.type === 'conversation.updated' && frame.conversation.visitorName?.startsWith(prefix)) {
      ids.set(frame.conversation.visitorName, frame.conversation.id);
    }
  });
  const tokens = await mapLimit(range(count), 16, (i) => startConversation(setup.visitorServer.baseUrl, `${prefix}${i}`));
  const deadline = Date.now() + SETUP_TIMEOUT_MS;
  while (ids.size < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  stop();
  if (ids.size < count) throw new Error(`the console saw ${ids.size} of ${count} new conversations`);
  return tokens.map((token, i) => ({ token, id: ids.get(`${prefix}${i}`)! }));
}

/**
 * Takes a conversation as the console does: a take refused with `busy` (a thousand sent at once
 * pass the server's bound on work under way, on PostgreSQL on a slow machine) is asked again after
 * the delay the server gave, with the console's jitter.
 */
async function take(consultant: BenchSocket, conversationId: string): Promise<void> {
  for (;;) {
    const taken = consultant.waitFor((f) => (f.type === 'history' || f.type === 'error') && f.conversationId === conversationId, SETUP_TIMEOUT_MS);
    consultant.send({ type: 'conversation.take', conversationId });
    const reply = await taken;
    if (reply.type !== 'error') return;
    if (reply.code !== 'busy') throw new Error(`take refused: ${reply.code}`);
    await new Promise<void>((resolve) => retryLater(reply, resolve));
  }
}

/** A staffed desk: N conversations, each taken by one of ⌈N / perConsultant⌉ consultants. */
export async function setupDesk(setup: DeskSetup, log: (text: string) => void): Promise<RoundTripWorld> {
  const consultants = await openConsultants(setup, Math.ceil(setup.conversations / setup.perConsultant));
  log(`${consultants.length} consultants added (admin CLI), signed in and connected`);
  const consoleSocket = consultants[0]!;
  const started = await startConversations(setup, consoleSocket, 'bench-', setup.conversations);
  log(`${started.length} conversations started`);
  const visitors = await mapLimit(started, 50, ({ token }) => openVisitor(setup.visitorServer.wsUrl, token));
  log(`${visitors.length} visitors connected`);
  await Promise.all(started.map(({ id }, i) => take(consultants[i % consultants.length]!, id)));
  consultants.forEach(replyOnReceipt);
  return {
    visitors: visitors.map(roundTripVisitor),
    consoleSocket,
    close: () => [...visitors, ...consultants].forEach((s) => s.close()),
  };
}

/** Visitors on fresh, unassigned conversations: the write path alone, for the saturation test. */
export async function openWaitingVisitors(setup: DeskSetup, consoleSocket: BenchSocket, count: number): Promise<BenchSocket[]> {
  const started = await startConversations(setup, consoleSocket, `load-${randomUUID().slice(0, 8)}-`, count);
  return mapLimit(started, 50, ({ token }) => openVisitor(setup.visitorServer.wsUrl, token));
}

/** The same pairs on the bare relay (floor-relay.ts): nothing stored, nothing acknowledged. */
export async function setupFloor(relay: BenchProcess, conversations: number, perConsultant: number): Promise<RoundTripWorld> {
  const consultantCount = Math.ceil(conversations / perConsultant);
  const consultants = await mapLimit(range(consultantCount), 8, (k) => BenchSocket.open(`${relay.wsUrl}/?role=consultant&id=${k}`));
  const visitors = await mapLimit(range(conversations), 50, (i) =>
    BenchSocket.open(`${relay.wsUrl}/?role=visitor&id=${randomUUID()}&consultant=${i % consultantCount}`),
  );
  consultants.forEach(replyOnReceipt);
  return {
    visitors: visitors.map(roundTripVisitor),
    consoleSocket: undefined,
    close: () => [...visitors, ...consultants].forEach((s) => s.close()),
  };
}
