/**
 * A real clamd for the virus-scanning tests, started by the test itself: freshclam cannot reach the
 * internet here, so clamd gets a signature database of one line the test writes (the EICAR test
 * string as a body signature), in a temporary directory, on a free port of 127.0.0.1. CI installs
 * the binary (`clamav-daemon`, .ci/run); there a missing clamd is an error, not a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './deadline';

/** The EICAR anti-virus test string: harmless, and every scanner's agreed "this is a virus". */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A PDF (so the upload's type check lets it through) that carries the EICAR string. */
export function infectedPdf(): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length 68 >>\nstream\n${EICAR}\nendstream\nendobj\n%%EOF\n`);
}

function findClamd(): string | null {
  for (const candidate of ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  return null;
}

export const clamdBinary = findClamd();

if (!clamdBinary) {
  if (process.env.CI) throw new Error('clamd must be installed in CI (apt-get install clamav-daemon): the virus-scanning tests may not be skipped.');
  console.warn('[clamd] clamd is not installed (apt-get install clamav-daemon): the tests through a real ClamAV are skipped.');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.startsWith('PONG')));
    socket.on('error', () => resolve(false));
  });
}

export interface TestClamd {
  /** CLAMAV_URL for the server under test. */
  url: string;
  /** Stops clamd (as if it crashed); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ClamdOptions {
  /** clamd's StreamMaxLength (`64K`, `1M`): a longer stream is answered `INSTREAM size limit exceeded. ERROR`. */
  streamMaxLength?: string;
}

export async function startClamd(options: ClamdOptions = {}): Promise<TestClamd> {
  if (!clamdBinary) throw new Error('clamd is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'ek-clamd-'));
  const port = await freePort();
  writeFileSync(join(dir, 'test.ndb'), `Eicar-Test-Signature:0:*:${Buffer.from(EICAR).toString('hex')}\n`);
  const conf = join(dir, 'clamd.conf');
  const settings = [`DatabaseDirectory ${dir}`, `TCPSocket ${port}`, 'TCPAddr 127.0.0.1', 'Foreground yes', `LogFile ${join(dir, 'clamd.log')}`];
  if (options.streamMaxLength) settings.push(`StreamMaxLength ${options.streamMaxLength}`);
  writeFileSync(conf, [...settings, ''].join('\n'));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(clamdBinary, ['--foreground', `--config-file=${conf}`], { stdio: 'ignore' });
    // Loading even a one-line database takes clamd a few seconds.
    await until('clamd answering PING', () => answersPing(port), { giveUpAfterMs: 60_000, intervalMs: 100 });
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `tcp://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
