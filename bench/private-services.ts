/**
 * A Redis and a PostgreSQL cluster of the bench's own, on free ports in a temp directory, that the
 * recovery measurement may stop and restart without touching the machine's services (which tests
 * and other work may be using at the same time).
 */
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../test/support/launcher';

const run = promisify(execFile);

export interface PrivateService {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Answers a ping right now. */
  isUp(): Promise<boolean>;
  /** Stops for good and removes its files. */
  remove(): Promise<void>;
}

const succeeds = (command: string, args: string[]) =>
  run(command, args, { timeout: 5_000 }).then(
    () => true,
    () => false,
  );

export async function startPrivateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ek-bench-redis-'));
  const service: PrivateService = {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      await run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir]);
      await pollUntil('the bench Redis to answer', () => service.isUp());
    },
    stop: async () => {
      await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave']).catch(() => {});
      await pollUntil('the bench Redis to stop', async () => !(await service.isUp()));
    },
    isUp: () => succeeds('redis-cli', ['-p', String(port), 'ping']),
    remove: async () => {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

const postgresBin = (tool: string) => join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin', tool);

/** PostgreSQL refuses to run as root; as root the cluster belongs to the `postgres` user. */
function asClusterOwner(tool: string, args: string[]): Promise<unknown> {
  return userInfo().uid === 0 ? run('runuser', ['-u', 'postgres', '--', postgresBin(tool), ...args], { timeout: 60_000 }) : run(postgresBin(tool), args, { timeout: 60_000 });
}

export async function startPrivatePostgres(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ek-bench-pg-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const owner = Number(stdout.trim());
    chownSync(dir, owner, owner);
  }
  const data = join(dir, 'data');
  await asClusterOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const service: PrivateService = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await asClusterOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    },
    stop: async () => {
      await asClusterOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
    },
    isUp: () => succeeds(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']),
    remove: async () => {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/** Polls until `probe` holds; the deadline only ends a service that never comes. */
export async function pollUntil(what: string, probe: () => Promise<boolean> | boolean, { intervalMs = 20, giveUpAfterMs = 60_000 } = {}): Promise<void> {
  const giveUpAt = Date.now() + giveUpAfterMs;
  while (!(await probe())) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what} after ${giveUpAfterMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
