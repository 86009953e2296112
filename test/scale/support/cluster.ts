/**
 * Several real server processes on one PostgreSQL database and one Redis, as behind a load
 * balancer, plus the controls the scale tests need: kill an instance, stop and start the
 * machine's Redis and restart its PostgreSQL, and look at the database directly.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { addStaffUser, startServerProcess, type ServerProcess } from '../../../e2e/support/server';
import { until as waitUntil } from '../../support/deadline';
import { TestSocket } from '../../support/ws-client';

const run = promisify(execFile);

export const STAFF_PASSWORD = 'correct horse battery staple';

/**
 * How long a scale test waits for an event before calling it hung: processes and services restart
 * here, and the machine may be busy. Only ends a hung test; the times themselves are measured by
 * `npm run bench -- --only recovery`.
 */
const GIVE_UP_AFTER_MS = 60_000;

/** Waits for a real event (test/support/deadline.ts), with the scale tests' longer deadline. */
export function until<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { giveUpAfterMs = GIVE_UP_AFTER_MS, intervalMs = 10 }: { giveUpAfterMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return waitUntil(what, probe, { giveUpAfterMs, intervalMs });
}

// -- instances -----------------------------------------------------------------------------------

export interface Instance extends ServerProcess {
  name: string;
}

/** How long a stopping instance may take before it is killed. */
const STOP_GRACE_MS = 5_000;

/** `untilAnswering`: do not wait for the instance to be healthy, only to answer. */
export async function startInstance(name: string, env: Record<string, string>, { untilAnswering = false } = {}): Promise<Instance> {
  const server = await startServerProcess(env, { healthTimeoutMs: 90_000, untilAnswering });
  return { ...server, name, stop: () => server.stop(STOP_GRACE_MS) };
}

/** Waits until the instance answers /healthz with 200; a failure shows what the process logged. */
export async function untilHealthy(instance: Instance): Promise<void> {
  try {
    await until(`${instance.name} to be healthy`, async () => (await health(instance)).status === 200, { intervalMs: 50 });
  } catch (error) {
    const exit = instance.alive() ? 'still running' : 'the process has exited';
    throw new Error(`${(error as Error).message}; ${exit}; its log ends with:\n${instance.output().slice(-3_000)}`);
  }
}

export async function health(instance: Instance): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${instance.baseUrl}/healthz`, { signal: AbortSignal.timeout(3_000) });
  return { status: response.status, body: await response.json() };
}

// -- staff and visitors, through the real HTTP API ----------------------------------------------

export interface Staff {
  email: string;
  name: string;
}

export async function addStaff(databaseUrl: string, name: string): Promise<Staff> {
  const email = `${name.toLowerCase()}-${Date.now()}@example.org`;
  await addStaffUser(databaseUrl, { email, name, password: STAFF_PASSWORD });
  return { email, name };
}

/** Signs in on one instance; the session lives in the database, so the cookie works on all. */
export async function signIn(instance: Instance, staff: Staff): Promise<string> {
  const response = await fetch(`${instance.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: staff.email, password: STAFF_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Starts a conversation; the unique visitor name lets staff pick it out of the queue. */
export async function startConversation(instance: Instance, visitorName: string): Promise<string> {
  const response = await fetch(`${instance.baseUrl}/api/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'en', topic: 'work', privacyAccepted: true, visitorName }),
  });
  if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Every socket a test opens, so that none outlives it. */
export class Sockets {
  private readonly open = new Set<TestSocket>();

  async connect(instance: Instance, headers: Record<string, string> = {}): Promise<TestSocket> {
    const socket = await TestSocket.open(instance.wsUrl, headers);
    this.open.add(socket);
    return socket;
  }

  async visitor(instance: Instance, token: string, lastSeq = 0) {
    const socket = await this.connect(instance);
    socket.send({ type: 'visitor.hello', token, lastSeq });
    return { socket, welcome: await socket.next('welcome.visitor') };
  }

  async staff(instance: Instance, cookie: string) {
    const socket = await this.connect(instance, { cookie });
    socket.send({ type: 'staff.hello' });
    return { socket, welcome: await socket.next('welcome.staff') };
  }

  closeAll(): void {
    for (const socket of this.open) socket.socket.terminate();
    this.open.clear();
  }
}

// -- the machine's Redis and PostgreSQL ----------------------------------------------------------

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export function redisIsUp(): Promise<boolean> {
  return succeeds('redis-cli', ['-p', '6379', 'ping']);
}

export async function stopRedis(): Promise<void> {
  await run('redis-cli', ['-p', '6379', 'shutdown', 'nosave']).catch(() => {});
  await until('Redis to stop', async () => !(await redisIsUp()), { intervalMs: 50 });
}

/** Starts the machine's Redis exactly as the CI script does, if it is not running. */
export async function ensureRedis(): Promise<void> {
  if (await redisIsUp()) return;
  await run('redis-server', [
    '--daemonize', 'yes',
    '--bind', '127.0.0.1', '-::1',
    '--port', '6379',
    '--save', '',
    '--appendonly', 'no',
    '--dir', '/var/lib/redis',
    '--logfile', '/var/log/redis/ci.log',
  ]);
  await until('Redis to start', redisIsUp, { intervalMs: 50 });
}

const postgresVersion = () => readdirSync('/etc/postgresql')[0]!;

export function postgresIsUp(): Promise<boolean> {
  return succeeds('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']);
}

export async function restartPostgres(): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'restart'], { timeout: 60_000 });
}

/** Starts the machine's PostgreSQL if it is not running (after a failed restart). */
export async function ensurePostgres(): Promise<void> {
  if (await postgresIsUp()) return;
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'start'], { timeout: 60_000 }).catch(() => {});
  await until('PostgreSQL to start', postgresIsUp, { intervalMs: 100 });
}

/** One query on a connection of its own, so a database restart cannot leave a broken one behind. */
export async function query<Row extends object>(databaseUrl: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
