/**
 * Finding 9: what a client does wrong (an oversized frame, invalid UTF-8, broken JSON) is logged
 * as a warning without a stack: error-level lines are for our faults, and a client must not be
 * able to fill the error log (or page whoever watches it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchServer, type ServerProcess } from '../support/launcher';

async function sendAndWaitForClose(url: string, payload: Buffer): Promise<void> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  socket.send(payload, { binary: false });
  await new Promise((resolve) => socket.once('close', resolve));
}

describe('client-triggered errors in the log', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await launchServer({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('are warnings without stacks', async () => {
    await sendAndWaitForClose(server.wsUrl, Buffer.alloc(200_000, 97));
    await sendAndWaitForClose(server.wsUrl, Buffer.from([0xff, 0xfe, 0x41]));
    await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{broken' });
    await fetch(`${server.baseUrl}/api/healthz`);
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: { stack?: string } });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    const socketWarnings = lines.filter((line) => line.level === 40 && /websocket/i.test(line.msg ?? ''));
    expect(socketWarnings).toHaveLength(2);
    expect(socketWarnings.some((line) => line.err?.stack)).toBe(false);
  });
});
