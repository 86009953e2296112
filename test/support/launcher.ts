/**
 * The one way tests, benchmarks and scripts run this repository's programs as processes of their
 * own: the server (`src/server/main.ts` through tsx, or the bundle `npm start` runs) on a free port,
 * ready once /healthz answers; any other script with its own readiness probe; and the admin CLI.
 * A process is stopped with SIGTERM (SIGKILL after a grace period) or killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

const SERVER_SOURCE = 'src/server/main.ts';
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const CLI_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
/** freePort's port can be taken (by any process's outgoing connection) before the server binds it. */
const PORT_ATTEMPTS = 3;

export interface NodeProcess {
  pid: number;
  /** What the process wrote to stdout and stderr, for failure messages. */
  output(): string;
  alive(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

export interface ServerProcess extends NodeProcess {
  baseUrl: string;
  wsUrl: string;
  databaseUrl: string;
}

export interface ScriptOptions {
  /** Over this process's environment. */
  env?: Record<string, string>;
  /** Options for Node itself, e.g. a CPU profile. */
  nodeArgs?: string[];
  /** Resolves true once the process is ready to be used; a throw counts as not yet. */
  ready: (started: NodeProcess) => Promise<boolean>;
  readyTimeoutMs?: number;
  /** Names the process in errors. */
  label: string;
}

export interface ServerOptions {
  /** Over this process's environment; without DATABASE_URL the server gets a fresh SQLite file. */
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Loading the app costs seconds of CPU, far more when many processes start at once. */
  healthTimeoutMs?: number;
  /** Ready once /healthz answers at all, healthy or not (a dependency may be down). */
  untilAnswering?: boolean;
  /** The server's entry: the source (default) or a bundle built by `npm run build:server`. */
  script?: string;
  /** Listen on this port (a restart where clients reconnect to the same address); a free one otherwise. */
  port?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `node [--import tsx] <script> <args>` (tsx for TypeScript only) through a shell that first raises the soft open-files limit to the
 * hard one (each socket is a descriptor); `exec` keeps the pid, so /proc/<pid> is Node's.
 */
function spawnNode(script: string, { nodeArgs = [], args = [], env = {} }: { nodeArgs?: string[]; args?: string[]; env?: Record<string, string> }): ChildProcess {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...nodeArgs, ...loader, script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** How a process ended, e.g. `exit code 1` or `signal SIGKILL`. */
function exitStatus(child: ChildProcess): string {
  return child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`;
}

function handleOf(child: ChildProcess): NodeProcess {
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid ?? 0,
    output: () => log,
    alive,
    async stop(graceMs = STOP_GRACE_MS) {
      if (!alive()) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(kill);
    },
    async kill() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Starts a script and waits until it is ready; one that never gets there does not outlive the call. */
export async function launchScript(script: string, options: ScriptOptions): Promise<NodeProcess> {
  const child = spawnNode(script, options);
  const handle = handleOf(child);
  const timeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastProbe = 'never probed';
  while (Date.now() < deadline) {
    if (!handle.alive()) throw new Error(`${options.label} exited (${exitStatus(child)}):\n${handle.output()}`);
    const ready = await options.ready(handle).catch((error: unknown) => {
      lastProbe = String(error);
      return false;
    });
    if (ready) return handle;
    await sleep(POLL_MS);
  }
  await handle.kill();
  throw new Error(`${options.label} did not become ready within ${timeoutMs} ms (last readiness probe: ${lastProbe}):\n${handle.output()}`);
}

async function launchServerOnce(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = options.env?.DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'ek-server-')), 'server.db')}`;
  const answers = async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    if (response.ok || options.untilAnswering) return true;
    throw new Error(`/healthz answered ${response.status}: ${await response.text()}`);
  };
  const handle = await launchScript(options.script ?? SERVER_SOURCE, {
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env, DATABASE_URL: databaseUrl },
    nodeArgs: options.nodeArgs,
    ready: answers,
    readyTimeoutMs: options.healthTimeoutMs ?? READY_TIMEOUT_MS,
    label: `server on port ${port}`,
  });
  return { ...handle, baseUrl, wsUrl: `ws://127.0.0.1:${port}/ws`, databaseUrl };
}

/** The server on a free port, tried again on another port when the chosen one was taken meanwhile. */
export async function launchServer(options: ServerOptions = {}, attempts = PORT_ATTEMPTS): Promise<ServerProcess> {
  try {
    return await launchServerOnce(options);
  } catch (error) {
    if (attempts <= 1 || !String(error).includes('EADDRINUSE')) throw error;
    return launchServer(options, attempts - 1);
  }
}

/** Runs the admin CLI (`src/server/cli/admin.ts`) on a database to its end; resolves its output. */
export async function runAdminCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawnNode('src/server/cli/admin.ts', { args, env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env } });
  const handle = handleOf(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
  await exited(child);
  clearTimeout(timer);
  if (child.exitCode !== 0) throw new Error(`admin ${args[0] ?? ''} failed (${exitStatus(child)}): ${handle.output()}`);
  return handle.output();
}

export interface NewStaffUser {
  email: string;
  name: string;
  role?: string;
  /** Comma-separated, as the CLI takes them. */
  languages?: string;
  password: string;
}

/** Creates a staff account through the documented CLI, the way an office would. */
export async function addStaffUser(databaseUrl: string, user: NewStaffUser): Promise<void> {
  const args = ['add-user', '--email', user.email, '--name', user.name, '--role', user.role ?? 'consultant', '--languages', user.languages ?? 'pl,en'];
  await runAdminCli(databaseUrl, args, { E_KONSULTANT_PASSWORD: user.password });
}
