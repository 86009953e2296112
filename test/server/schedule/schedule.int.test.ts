/**
 * The stored parts of the schedule (pause, dated exceptions) on a real database, and what the API
 * answers because of them: GET /api/desk and POST /api/conversations.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectVisitor, startConversation, startServer, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const MESSAGES = { pl: 'Przerwa techniczna do 13:00.', en: 'Technical break until 13:00.', uk: 'Технічна перерва до 13:00.', ru: 'Технический перерыв до 13:00.' };
const START = { language: 'en', topic: 'work', privacyAccepted: true };

describe.each(databaseTargets)('schedule storage and API on $engine', (target) => {
  const instances = twoInstancesForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LAST_ENTRY_MINUTES: '10' });
  let server: TestServer;
  let other: TestServer; // a second instance on the same database
  beforeEach(async () => {
    [server, other] = instances();
    for (const s of [server, other]) s.clock.set('2026-01-14T11:00:00Z'); // Wednesday 12:00 in Warsaw
    await server.app.schedule.resume(server.app.desk.id);
    for (const exception of await server.app.schedule.listExceptions(server.app.desk.id, { all: true })) {
      await server.app.schedule.removeException(server.app.desk.id, exception.date);
    }
  });

  const inject = (options: InjectOptions, on = server) => on.app.server.inject(options);
  const desk = async (on = server) => (await inject({ method: 'GET', url: '/api/desk' }, on)).json();
  const start = (on = server) => inject({ method: 'POST', url: '/api/conversations', payload: START }, on);

  describe('pause', () => {
    it('closes the desk on every instance with the message in every language, and resume reopens it', async () => {
      await server.app.schedule.pause(server.app.desk.id, MESSAGES);
      for (const instance of [server, other]) {
        expect((await desk(instance)).schedule).toMatchObject({ open: false, reason: 'paused', pauseMessage: MESSAGES, nextOpening: null });
        const refused = await start(instance);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().code).toBe('service_closed');
      }
      expect(await other.app.schedule.resume(other.app.desk.id)).toBe(true);
      expect((await desk(server)).schedule).toMatchObject({ open: true, reason: 'open', pauseMessage: null });
      expect((await start(server)).statusCode).toBe(201);
      expect(await server.app.schedule.resume(server.app.desk.id)).toBe(false);
    });

    it('replaces the message of a pause in force', async () => {
      await server.app.schedule.pause(server.app.desk.id, MESSAGES);
      await server.app.schedule.pause(server.app.desk.id, { ...MESSAGES, en: 'Back on Monday.' });
      expect((await desk()).schedule.pauseMessage.en).toBe('Back on Monday.');
    });

    it("needs a message in each of the desk's languages", async () => {
      await expect(server.app.schedule.pause(server.app.desk.id, { pl: 'Przerwa', en: 'Break', uk: '  ' })).rejects.toMatchObject({
        code: 'validation_failed',
        detail: 'message-uk, message-ru',
      });
      expect((await desk()).schedule.reason).toBe('open');
    });

    it('does not cut off a conversation in progress', async () => {
      const { token } = await startConversation(server);
      await server.app.schedule.pause(server.app.desk.id, MESSAGES);
      const { socket } = await connectVisitor(server, token);
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body: 'Still here?' });
      expect((await socket.next('ack')).clientId).toBe(clientId);
      socket.close();
    });
  });

  describe('dated exceptions', () => {
    it('a closed day closes today and is listed; removing it reopens', async () => {
      await server.app.schedule.setException(server.app.desk.id, '2026-01-14', 'closed');
      expect((await desk(other)).schedule).toMatchObject({ open: false, reason: 'closed_day', nextOpening: '2026-01-15T10:00:00Z' });
      expect((await start(other)).json().code).toBe('service_closed');
      expect(await server.app.schedule.listExceptions(server.app.desk.id)).toEqual([{ date: '2026-01-14', hours: [] }]);
      expect(await server.app.schedule.removeException(server.app.desk.id, '2026-01-14')).toBe(true);
      expect((await desk()).schedule.open).toBe(true);
    });

    it('special hours replace the day and a later one replaces an earlier one', async () => {
      await server.app.schedule.setException(server.app.desk.id, '2026-01-14', '09:00-10:00');
      await server.app.schedule.setException(server.app.desk.id, '2026-01-14', '13:00-15:00,11:30-12:30');
      expect(await server.app.schedule.listExceptions(server.app.desk.id)).toEqual([
        { date: '2026-01-14', hours: [{ start: '11:30', end: '12:30' }, { start: '13:00', end: '15:00' }] },
      ]);
      expect((await desk()).schedule).toMatchObject({ open: true, closesAt: '2026-01-14T11:30:00Z', lastEntryAt: '2026-01-14T11:20:00Z' });
      server.clock.set('2026-01-14T13:45:00Z'); // 14:45: the weekly hours are over, the special ones are not
      expect((await start()).statusCode).toBe(201);
    });

    it('lists from today on unless asked for all, in date order', async () => {
      await server.app.schedule.setException(server.app.desk.id, '2026-12-31', 'closed');
      await server.app.schedule.setException(server.app.desk.id, '2026-01-02', 'closed');
      await server.app.schedule.setException(server.app.desk.id, '2026-06-01', '10:00-11:00');
      expect((await server.app.schedule.listExceptions(server.app.desk.id)).map((e) => e.date)).toEqual(['2026-06-01', '2026-12-31']);
      expect((await server.app.schedule.listExceptions(server.app.desk.id, { all: true })).map((e) => e.date)).toEqual(['2026-01-02', '2026-06-01', '2026-12-31']);
    });

    it('refuses a date that does not exist and hours that are not hours', async () => {
      await expect(server.app.schedule.setException(server.app.desk.id, '2026-02-30', 'closed')).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(server.app.schedule.setException(server.app.desk.id, '2026-02-03', '14:00-11:00')).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });

  describe('closing rules in the API', () => {
    it('refuses new conversations in the last 10 minutes, and says so', async () => {
      server.clock.set('2026-01-14T12:49:00Z'); // 13:49
      expect((await start()).statusCode).toBe(201);
      server.clock.set('2026-01-14T12:50:00Z'); // 13:50
      expect((await desk()).schedule).toMatchObject({ open: false, reason: 'last_entry', closesAt: '2026-01-14T13:00:00Z', lastEntryMinutes: 10 });
      expect((await start()).json().code).toBe('service_closed');
    });

    it('names the holiday on Easter Monday', async () => {
      server.clock.set('2026-04-06T10:00:00Z');
      expect((await desk()).schedule).toMatchObject({ open: false, reason: 'holiday', holiday: { id: 'easter_monday' }, nextOpening: '2026-04-07T09:00:00Z' });
      expect((await start()).json().code).toBe('service_closed');
    });
  });
});

describe.each(databaseTargets)('the service period on $engine', (target) => {
  it('is closed before SERVICE_START and after SERVICE_END', async () => {
    const database = await target.create();
    const server = await startServer(database.url, { SERVICE_START: '2026-01-15', SERVICE_END: '2026-01-16' });
    try {
      const desk = async () => (await server.app.server.inject({ method: 'GET', url: '/api/desk' })).json().schedule;
      expect(await desk()).toMatchObject({ reason: 'before_service', serviceStart: '2026-01-15', nextOpening: '2026-01-15T10:00:00Z' });
      server.clock.set('2026-01-15T11:00:00Z');
      expect(await desk()).toMatchObject({ open: true });
      server.clock.set('2026-01-19T11:00:00Z');
      expect(await desk()).toMatchObject({ open: false, reason: 'after_service', serviceEnd: '2026-01-16', nextOpening: null });
      const refused = await server.app.server.inject({ method: 'POST', url: '/api/conversations', payload: START });
      expect(refused.json().code).toBe('service_closed');
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
