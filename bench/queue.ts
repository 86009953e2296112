/**
 * Whether a start and a queue-position update cost the same however many wait: at each queue
 * length, starts per second (20 in flight, as in a surge), then the time from a consultant taking
 * the oldest conversation until the waiting visitors behind it (the newest ones, connected) hear
 * their new place. One consultant on duty, whom routing's offers keep at their maximum, as in a surge.
 */
import { randomUUID } from 'node:crypto';
import { mapLimit, openConsultant, openVisitor, startConversation } from './clients';
import { addConsultant, login, type BenchProcess } from './server';

const IN_FLIGHT = 20;
const POSITION_TIMEOUT_MS = 30_000;

export interface QueueLevel {
  /** Conversations waiting when the starts began. */
  waiting: number;
  startsPerSecond: number;
  /** From the take until every connected visitor heard its new place, ms. */
  positionsMs: number;
  /** How many waiting visitors were connected and had to hear it. */
  listeners: number;
}

export interface QueuePlan {
  levels: number[];
  starts: number;
  listeners: number;
}

async function startMany(baseUrl: string, count: number, prefix: string): Promise<string[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    IN_FLIGHT,
    (i) => startConversation(baseUrl, `${prefix}${i}`),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()`; throws after `timeoutMs`. */
async function until(done: () => boolean, what: string, timeoutMs = POSITION_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(2);
  }
}

/** Visitors connected with a token each; `places[i]` is the last place visitor i was told. */
async function listenToPlaces(wsUrl: string, tokens: string[]): Promise<{ places: (number | undefined)[]; close(): void }> {
  const places: (number | undefined)[] = tokens.map(() => undefined);
  const sockets = await mapLimit(tokens, 20, async (token, i) => {
    // Listening from the start: the place comes right behind the welcome and, unchanged, is not sent again.
    return openVisitor(wsUrl, token, (frame) => {
      if (frame.type === 'visitor.queue') places[i] = frame.queue.position;
    });
  });
  return { places, close: () => sockets.forEach((socket) => socket.close()) };
}

export async function measureQueueGrowth(server: BenchProcess, databaseUrl: string, plan: QueuePlan, log: (text: string) => void): Promise<QueueLevel[]> {
  const account = await addConsultant(databaseUrl, 0);
  const consultant = await openConsultant(server.wsUrl, await login(server.baseUrl, account));
  const oldest: string[] = [];
  consultant.listen((frame) => {
    if (frame.type === 'conversation.updated' && frame.conversation.status === 'waiting') oldest.push(frame.conversation.id);
  });
  const levels: QueueLevel[] = [];
  let waiting = 0;
  try {
    for (const level of plan.levels) {
      if (level > waiting) {
        log(`queue: filling to ${level} waiting`);
        await startMany(server.baseUrl, level - waiting, `fill-${randomUUID().slice(0, 8)}-`);
        waiting = level;
      }
      log(`queue: ${plan.starts} starts at ${waiting} waiting`);
      const began = performance.now();
      const tokens = await startMany(server.baseUrl, plan.starts, `surge-${randomUUID().slice(0, 8)}-`);
      const startsPerSecond = plan.starts / ((performance.now() - began) / 1000);
      waiting += plan.starts;

      // The newest visitors connect and learn their place; a take at the front moves each of them up one.
      // (Not the first of the starts: with an empty queue before them, it is the one taken.)
      const listeners = await listenToPlaces(server.wsUrl, tokens.slice(1).slice(-plan.listeners));
      await until(() => listeners.places.every((place) => place !== undefined), 'every visitor told their place');
      const before = [...listeners.places] as number[];
      const taken = performance.now();
      consultant.send({ type: 'conversation.take', conversationId: nextWaiting(oldest) });
      await until(() => listeners.places.every((place, i) => place === before[i]! - 1), 'every visitor told their new place');
      levels.push({ waiting: waiting - plan.starts, startsPerSecond, positionsMs: performance.now() - taken, listeners: before.length });
      listeners.close();
      waiting -= 1;
    }
  } finally {
    consultant.close();
  }
  return levels;
}

/** The oldest conversation still waiting, as the console saw them arrive. */
function nextWaiting(oldest: string[]): string {
  const id = oldest.shift();
  if (!id) throw new Error('the console saw no waiting conversation');
  return id;
}
