/**
 * Processes the bench runs and talks to over loopback: the real server (as `npm start` runs it),
 * the bare relay, throw-away databases, and staff accounts made with the admin CLI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ALWAYS_OPEN } from '../e2e/support/server';
import { buildServer } from '../scripts/build-server';
import { addStaffUser, freePort, launchScript, launchServer, REPO_ROOT, type ServerProcess } from '../test/support/launcher';

export { REPO_ROOT };

export type BenchProcess = Omit<ServerProcess, 'databaseUrl'>;

export interface ServerOptions {
  databaseUrl: string;
  redisUrl?: string;
  /** Directory for a V8 CPU profile written when the server exits. */
  cpuProfDir?: string;
  /** More environment (e.g. STATIC_DIR, a translation engine). */
  env?: Record<string, string>;
  /** The port of the instance it replaces (a restart); a free one otherwise. */
  port?: number;
}

let bundle: Promise<string> | undefined;

/** The server as `npm start` runs it: bundled once per bench run (into dist/bench-server). */
export function serverBundle(): Promise<string> {
  bundle ??= buildServer(join(REPO_ROOT, 'dist', 'bench-server'));
  return bundle;
}

export async function startServer(options: ServerOptions): Promise<BenchProcess> {
  return launchServer({
    script: await serverBundle(),
    port: options.port,
    nodeArgs: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
    env: {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl ?? '',
      ...ALWAYS_OPEN,
      CONVERSATIONS_PER_MINUTE: '100000',
      LOGINS_PER_MINUTE: '100000',
      // Every simulated client comes from loopback.
      WS_CONNECTIONS_PER_IP: '100000',
      // The configured ceiling; the saturation test keeps each sender well below it.
      MESSAGES_PER_MINUTE: '10000',
      ...options.env,
    },
  });
}

/** The bare relay; with `durableUrl` (a SQLite or PostgreSQL database URL), the durable floor (bench/floor-relay.ts). */
export async function startFloorRelay(durableUrl?: string): Promise<BenchProcess> {
  const port = await freePort();
  const relay = await launchScript('bench/floor-relay.ts', {
    env: { PORT: String(port), ...(durableUrl && { FLOOR_DURABLE_URL: durableUrl }) },
    ready: async (relay) => relay.output().includes('listening'),
    label: 'floor relay',
  });
  return { ...relay, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
}

// -- process figures ------------------------------------------------------------------------------

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no ${field} for pid ${pid}`);
  return Number(match[1]);
}

export const rssKb = (pid: number): number => statusKb(pid, 'VmRSS');

/** The most resident memory the process has held since it started (the kernel's high-water mark). */
export const peakRssKb = (pid: number): number => statusKb(pid, 'VmHWM');

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times; 100 on every mainstream kernel build. */
const CLOCK_TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export interface CpuUse {
  /** Cores busy on average (1.0 = one core all the time), all server processes together. */
  servers: number;
  /** The same for the load generator (this process). */
  loadGenerator: number;
}

/** Starts counting CPU time; the returned function tells the average use since. */
export function cpuMeter(pids: number[]): () => CpuUse {
  const since = performance.now();
  const serversBefore = pids.map(cpuSeconds);
  const ownBefore = process.cpuUsage();
  return () => {
    const seconds = (performance.now() - since) / 1000;
    const servers = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - serversBefore[i]!, 0);
    const own = process.cpuUsage(ownBefore);
    return { servers: servers / seconds, loadGenerator: (own.user + own.system) / 1e6 / seconds };
  };
}

export function openFilesLimit(pid: number): { soft: number; hard: number } {
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const value = (v: string | undefined) => (v === 'unlimited' || v === undefined ? Infinity : Number(v));
  return { soft: value(match?.[1]), hard: value(match?.[2]) };
}

// -- databases ------------------------------------------------------------------------------------

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'ek-bench-'));
  return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database on the server of `adminUrl`, dropped at the end of the run. */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `ek_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(adminUrl, `drop database if exists ${name} with (force)`) };
}

export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

// -- staff ----------------------------------------------------------------------------------------

export interface StaffAccount {
  email: string;
  password: string;
}

/** Creates a consultant through the documented CLI, as an office would. */
export async function addConsultant(databaseUrl: string, index: number): Promise<StaffAccount> {
  const account = { email: `consultant${index}@bench.example`, password: `bench-password-${index}` };
  await addStaffUser(databaseUrl, { ...account, name: `Consultant ${index}`, role: 'consultant', languages: 'pl,en' });
  return account;
}

/** Signs in and returns the Cookie header value for the staff WebSocket. */
export async function login(baseUrl: string, account: StaffAccount): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ek_staff='));
  if (!cookie) throw new Error('login set no ek_staff cookie');
  return cookie.split(';')[0]!;
}
