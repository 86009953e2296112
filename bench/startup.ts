/**
 * From `node` starting the server to the first 200 on /healthz, for the bundle `npm start` runs and,
 * for comparison, for the TypeScript sources through tsx; then the idle server's memory. Each start
 * gets a fresh SQLite file, so it includes migrating an empty database, as a first start does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALWAYS_OPEN } from '../e2e/support/server';
import { freePort } from '../test/support/launcher';
import { cpuSeconds, REPO_ROOT, rssKb } from './server';

const POLL_MS = 5;
const GIVE_UP_MS = 30_000;
const IDLE_SETTLE_MS = 2_000;

interface Start {
  /** Wall-clock milliseconds to healthy. */
  ms: number;
  /** CPU milliseconds the server used until then: what the start costs, on a machine shared or not. */
  cpuMs: number;
}

export interface StartupResult {
  /** One per start, for the bundle and for tsx. */
  compiled: Start[];
  tsx: Start[];
  /** VmRSS of the bundled server, idle, after its first start. */
  idleRssKb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthyAfter(args: string[], settle: boolean): Promise<Start & { rssKb?: number }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ek-startup-'));
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...ALWAYS_OPEN, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dir, 'start.db')}`, REDIS_URL: '' },
    stdio: 'ignore',
  });
  try {
    while (performance.now() - began < GIVE_UP_MS) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) {
        const start = { ms: performance.now() - began, cpuMs: cpuSeconds(child.pid!) * 1000 };
        if (!settle) return start;
        await sleep(IDLE_SETTLE_MS);
        return { ...start, rssKb: rssKb(child.pid!) };
      }
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      await sleep(POLL_MS);
    }
    throw new Error(`not healthy within ${GIVE_UP_MS} ms`);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureStartup(bundle: string, runs: number): Promise<StartupResult> {
  const compiled: Start[] = [];
  const tsx: Start[] = [];
  let idleRssKb = 0;
  // One start first, not counted: "warm" is with the files in the page cache.
  await healthyAfter([bundle], false);
  for (let i = 0; i < runs; i++) {
    const { rssKb, ...start } = await healthyAfter([bundle], i === 0);
    compiled.push(start);
    if (rssKb) idleRssKb = rssKb;
    tsx.push(await healthyAfter(['--import', 'tsx', 'src/server/main.ts'], false));
  }
  return { compiled, tsx, idleRssKb };
}
