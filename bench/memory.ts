/**
 * Server memory per idle visitor connection, and the most idle connections one instance holds.
 * Conversations are started first, so the growth measured is the sockets' alone; the sockets are
 * opened by holder processes (idle-holder.ts) and the server's VmRSS is read from /proc.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mapLimit, startConversation } from './clients';
import type { HolderCommand, HolderReply } from './idle-holder';
import { openFilesLimit, REPO_ROOT, rssKb, type BenchProcess } from './server';

/** Sockets per holder process: well under a process's open-files limit here (20,000). */
const HOLDER_CAPACITY = 8_000;
const SETTLE_MS = 2_000;
const REPLY_TIMEOUT_MS = 200_000;

export interface MemoryStep {
  connections: number;
  rssKb: number;
  perConnectionKb: number;
}

export interface MemoryResult {
  baselineRssKb: number;
  steps: MemoryStep[];
  attempted: number;
  held: number;
  serverOpenFiles: { soft: number; hard: number };
  firstRefusal?: string;
}

class Holder {
  readonly process: ChildProcess;
  assigned = 0;

  constructor() {
    this.process = fork(join(REPO_ROOT, 'bench/idle-holder.ts'), [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  ask<T extends HolderReply['type']>(command: HolderCommand, reply: T): Promise<Extract<HolderReply, { type: T }>> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`idle holder: no ${reply} reply`)), REPLY_TIMEOUT_MS);
      const listener = (message: HolderReply) => {
        if (message.type !== reply) return;
        clearTimeout(timer);
        this.process.off('message', listener);
        done(message as Extract<HolderReply, { type: T }>);
      };
      this.process.on('message', listener);
      this.process.send(command);
    });
  }

  stop(): void {
    this.process.kill();
  }
}

const rate = (n: number, since: number) => Math.round(n / ((performance.now() - since) / 1000));
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** Hands `tokens` to the holders with room, all holders opening at once. */
async function openMore(holders: Holder[], wsUrl: string, tokens: string[]): Promise<{ failed: number; error?: string }> {
  const batches: Promise<HolderReply>[] = [];
  let offset = 0;
  for (const holder of holders) {
    const take = Math.min(HOLDER_CAPACITY - holder.assigned, tokens.length - offset);
    if (take <= 0) continue;
    holder.assigned += take;
    batches.push(holder.ask({ type: 'open', wsUrl, tokens: tokens.slice(offset, offset + take) }, 'opened'));
    offset += take;
  }
  const replies = (await Promise.all(batches)) as Extract<HolderReply, { type: 'opened' }>[];
  return { failed: replies.reduce((sum, r) => sum + r.failed, 0), error: replies.find((r) => r.error)?.error };
}

async function countOpen(holders: Holder[]): Promise<number> {
  const counts = await Promise.all(holders.map((h) => h.ask({ type: 'count' }, 'count')));
  return counts.reduce((sum, c) => sum + c.open, 0);
}

export async function measureIdleConnections(
  server: BenchProcess,
  steps: number[],
  maxConnections: number,
  log: (text: string) => void,
): Promise<MemoryResult> {
  const targets = [...new Set([...steps, maxConnections])].filter((n) => n <= maxConnections).sort((a, b) => a - b);
  const started = performance.now();
  const tokens = await mapLimit(Array.from({ length: maxConnections }, (_, i) => i), 32, (i) => startConversation(server.baseUrl, `idle-${i}`));
  log(`memory: ${maxConnections} conversations started at ${rate(maxConnections, started)}/s`);
  await settle();
  const baselineRssKb = rssKb(server.pid);
  const holders = Array.from({ length: Math.ceil(maxConnections / HOLDER_CAPACITY) }, () => new Holder());
  const result: MemoryResult = { baselineRssKb, steps: [], attempted: 0, held: 0, serverOpenFiles: openFilesLimit(server.pid) };
  try {
    for (const target of targets) {
      const from = performance.now();
      const opened = await openMore(holders, server.wsUrl, tokens.slice(result.attempted, target));
      log(`memory: sockets ${result.attempted}→${target} opened at ${rate(target - result.attempted, from)}/s, ${opened.failed} refused`);
      result.attempted = target;
      result.firstRefusal ??= opened.error;
      await settle();
      result.held = await countOpen(holders);
      const rss = rssKb(server.pid);
      if (steps.includes(target)) {
        result.steps.push({ connections: result.held, rssKb: rss, perConnectionKb: (rss - baselineRssKb) / Math.max(1, result.held) });
      }
      if (opened.failed > 0) break;
    }
  } finally {
    holders.forEach((h) => h.stop());
  }
  return result;
}
