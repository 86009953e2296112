/**
 * A real server process, as `npm start` runs it (minus the build, which `npm test` has done),
 * on a free port with its own SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerProcess {
  baseUrl: string;
  databaseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
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

/** Waits until /healthz answers 200 — or, with `answering`, answers at all (a 503 counts). */
async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number, answering = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not listening';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok || answering) return;
      last = `${response.status} ${await response.text()}`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms (/healthz: ${last}):\n${output()}`);
}

/**
 * `healthTimeoutMs`: loading the app costs seconds of CPU, far more when many processes start at
 * once. `untilAnswering`: return once /healthz answers, healthy or not (a dependency may be down).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  { healthTimeoutMs = 30_000, untilAnswering = false } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'ek-e2e-')), 'e2e.db')}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OFFICE_HOURS: 'mon-sun 00:00-24:00',
      // Open every day of the year: a public holiday on the day the tests run must not close it.
      HOLIDAYS: 'none',
      CONVERSATIONS_PER_MINUTE: '1000',
      LOGINS_PER_MINUTE: '1000',
      ...env,
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => log, healthTimeoutMs, untilAnswering);
  } catch (error) {
    child.kill('SIGKILL'); // a server that never became healthy must not outlive the test
    throw error;
  }
  return {
    baseUrl,
    databaseUrl,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Creates a staff account through the documented CLI, the way an office would. */
export function addStaffUser(databaseUrl: string, user: { email: string; name: string; role?: string; languages?: string; password: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli/admin.ts', 'add-user', '--email', user.email, '--name', user.name, '--role', user.role ?? 'consultant', '--languages', user.languages ?? 'pl,en'],
      { env: { ...process.env, DATABASE_URL: databaseUrl, E_KONSULTANT_PASSWORD: user.password, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`admin add-user failed (${code}): ${output}`))));
  });
}
