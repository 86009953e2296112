/**
 * SIGTERM under traffic (issue 20): a real server process stops reading its sockets, answers
 * what it received, closes them, and only then closes the database — no error logged, and
 * every message it acknowledged is stored.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/db/database';
import type { StartConversationResponse } from '../../../src/shared/protocol';
import { databaseTargets } from '../../support/databases';
import { launchServer } from '../../support/launcher';
import { TestSocket } from '../../support/ws-client';

const VISITORS = 20;
/** Frames each visitor keeps in flight: the server always has a queue to drain. */
const IN_FLIGHT = 8;

/** pino's levels: 50 is error, 60 fatal. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(5|6)0/.test(line) || /^\s*(Error|TypeError)\b/.test(line));
}

describe.each(databaseTargets)('SIGTERM under traffic on $engine', (target) => {
  it('drains every socket before the database closes: no error logged, nothing acknowledged lost', async () => {
    const database = await target.create();
    const server = await launchServer({
      env: { OFFICE_HOURS: 'mon-sun 00:00-24:00', HOLIDAYS: 'none', DATABASE_URL: database.url, LOG_LEVEL: 'info', MESSAGES_PER_MINUTE: '10000', CONVERSATIONS_PER_MINUTE: '1000' },
    });
    try {
      const acked = new Map<string, string>();
      const visitors = await Promise.all(
        Array.from({ length: VISITORS }, async () => {
          const response = await fetch(`${server.baseUrl}/api/conversations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ language: 'en', topic: 'work', privacyAccepted: true }),
          });
          const started = (await response.json()) as StartConversationResponse;
          const socket = await TestSocket.open(server.wsUrl);
          socket.send({ type: 'visitor.hello', token: started.token, lastSeq: 0 });
          await socket.next('welcome.visitor', () => true, 20_000);
          return { socket, token: started.token };
        }),
      );
      let sending = true;
      const traffic = visitors.map(async ({ socket, token }) => {
        socket.socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type: string; clientId?: string };
          if (frame.type === 'ack' && frame.clientId) acked.set(frame.clientId, token);
          if (sending && (frame.type === 'ack' || frame.type === 'error')) send();
        });
        const send = () => {
          if (socket.socket.readyState === socket.socket.OPEN) socket.send({ type: 'message.send', clientId: randomUUID(), body: 'still here' });
        };
        for (let i = 0; i < IN_FLIGHT; i++) send();
        await socket.closed;
      });
      await expect.poll(() => acked.size, { timeout: 20_000 }).toBeGreaterThan(200);

      await server.stop(20_000);
      sending = false;
      await Promise.all(traffic);

      expect(errorLines(server.output())).toEqual([]);
      const closes = await Promise.all(visitors.map(({ socket }) => socket.closed));
      expect(closes.map((close) => close.code)).toEqual(closes.map(() => 1012));
      const stored = openDatabase(database.url);
      try {
        const rows = await stored.db.selectFrom('messages').select('client_id').where('client_id', 'in', [...acked.keys()]).execute();
        expect(rows).toHaveLength(acked.size);
      } finally {
        await stored.close();
      }
    } finally {
      await server.kill();
      await database.drop();
    }
  }, 120_000);
});
