/**
 * The timed measurements: round trips at steady load, acknowledged messages at saturation, and
 * conversation starts seen by a console. Each runs for a fixed time and then drains for a bounded
 * time; anything unanswered by then is counted as lost, never waited for.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchSocket, RoundTripVisitor } from './clients';
import { startConversation } from './clients';

export interface LatencySummary {
  count: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(samples: number[], lost = 0): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, lost, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** Polls until `done()` or the time is up. */
async function drain(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(20);
}

/**
 * One conversation on an otherwise idle server: the visitor sends, the consultant replies on
 * receipt, the visitor waits for the reply before sending the next — `count` times.
 */
export async function measureSequential(visitor: RoundTripVisitor, count: number): Promise<LatencySummary> {
  const samples: number[] = [];
  let lost = 0;
  for (let i = 0; i < count; i++) {
    const tag = `seq-${i}-${randomUUID()}`;
    const replied = new Promise<number>((done) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => done(NaN), 5_000);
      visitor.onReply((reply) => {
        if (reply !== tag) return;
        clearTimeout(timer);
        done(performance.now() - sentAt);
      });
    });
    visitor.send(tag);
    const elapsed = await replied;
    if (Number.isNaN(elapsed)) lost++;
    else samples.push(elapsed);
  }
  return summarize(samples, lost);
}

export interface RoundTripPlan {
  intervalMs: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
}

/**
 * Every visitor sends every `intervalMs` (phases spread evenly, so the load is steady); the
 * consultant replies on receipt. Round trips sent during the warm-up are not counted.
 */
export async function measureRoundTrips(visitors: RoundTripVisitor[], plan: RoundTripPlan): Promise<LatencySummary> {
  const pending = new Map<string, { sentAt: number; counted: boolean }>();
  const samples: number[] = [];
  const start = performance.now();
  const countFrom = start + plan.warmupMs;
  const stopAt = countFrom + plan.durationMs;
  let sent = 0;
  const timers: (NodeJS.Timeout | undefined)[] = [];

  visitors.forEach((visitor, i) => {
    visitor.onReply((tag) => {
      const entry = pending.get(tag);
      if (!entry) return;
      pending.delete(tag);
      if (entry.counted) samples.push(performance.now() - entry.sentAt);
    });
    const phase = (i / visitors.length) * plan.intervalMs;
    const tick = (round: number): void => {
      const due = start + phase + round * plan.intervalMs;
      if (due >= stopAt) return;
      timers[i] = setTimeout(() => {
        const tag = `rt-${sent++}`;
        const sentAt = performance.now();
        pending.set(tag, { sentAt, counted: sentAt >= countFrom });
        visitor.send(tag);
        tick(round + 1);
      }, Math.max(0, due - performance.now()));
    };
    tick(0);
  });

  await sleep(stopAt - performance.now());
  timers.forEach((timer) => clearTimeout(timer));
  const unanswered = () => [...pending.values()].filter((entry) => entry.counted).length;
  await drain(() => unanswered() === 0, plan.drainMs);
  visitors.forEach((visitor) => visitor.onReply(() => {}));
  return summarize(samples, unanswered());
}

export interface SaturationPlan {
  /** Unacknowledged messages each visitor keeps in flight. */
  window: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
}

export interface SaturationResult {
  visitors: number;
  window: number;
  acks: number;
  errors: number;
  acksPerSecond: number;
}

const SATURATION_BODY = 'Dzień dobry, chciałbym zapytać o termin złożenia wniosku o pobyt czasowy.';

/** Visitors send as fast as acks come back (a window each); acks are counted over a fixed time. */
export async function measureSaturation(sockets: BenchSocket[], plan: SaturationPlan): Promise<SaturationResult> {
  const countFrom = performance.now() + plan.warmupMs;
  const stopAt = countFrom + plan.durationMs;
  let acks = 0;
  let errors = 0;
  let inFlight = 0;

  const removals = sockets.map((socket) => {
    const send = () => {
      inFlight++;
      socket.send({ type: 'message.send', clientId: randomUUID(), body: SATURATION_BODY });
    };
    const stop = socket.listen((frame) => {
      if (frame.type !== 'ack' && !(frame.type === 'error' && frame.clientId)) return;
      inFlight--;
      const now = performance.now();
      if (frame.type === 'error') errors++;
      else if (now >= countFrom && now < stopAt) acks++;
      if (now < stopAt) send();
    });
    for (let i = 0; i < plan.window; i++) send();
    return stop;
  });

  await sleep(stopAt - performance.now());
  await drain(() => inFlight === 0, plan.drainMs);
  removals.forEach((remove) => remove());
  return { visitors: sockets.length, window: plan.window, acks, errors, acksPerSecond: acks / (plan.durationMs / 1000) };
}

/** One start at a time: from POST /api/conversations to the console's conversation.updated. */
export async function measureStarts(baseUrl: string, consoleSocket: BenchSocket, count: number): Promise<LatencySummary> {
  const samples: number[] = [];
  let lost = 0;
  const run = randomUUID().slice(0, 8);
  for (let i = 0; i < count; i++) {
    const name = `start-${run}-${i}`;
    const seen = consoleSocket.waitFor((f) => f.type === 'conversation.updated' && f.conversation.visitorName === name, 5_000);
    const sentAt = performance.now();
    try {
      await startConversation(baseUrl, name);
      await seen;
      samples.push(performance.now() - sentAt);
    } catch {
      lost++;
      await seen.catch(() => {});
    }
  }
  return summarize(samples, lost);
}
