import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectVisitor, serverForSuite, startConversation, startServer, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('HTTP API on $engine', (target) => {
  const suiteServer = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '5' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z'); // Wednesday 12:00 in Warsaw
  });

  const inject = (options: InjectOptions) => server.app.server.inject(options);

  describe('the desk and its hours', () => {
    it('reports open with the closing time inside the hours', async () => {
      const desk = (await inject({ method: 'GET', url: '/api/desk' })).json();
      expect(desk.schedule).toMatchObject({ open: true, timeZone: 'Europe/Warsaw', closesAt: '2026-01-14T13:00:00Z' });
      expect(desk.languages).toEqual(['pl', 'en', 'uk', 'ru']);
      expect(desk.maxMessageLength).toBe(4000);
    });

    it('reports closed with the next opening, and refuses to start a conversation', async () => {
      server.clock.set('2026-01-17T10:00:00Z'); // Saturday
      const desk = (await inject({ method: 'GET', url: '/api/desk' })).json();
      expect(desk.schedule).toMatchObject({ open: false, nextOpening: '2026-01-19T10:00:00Z' });
      const response = await inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true } });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'service_closed', status: 409 });
    });
  });

  describe('starting a conversation', () => {
    it('needs the privacy acknowledgement, a known topic and an offered language', async () => {
      for (const payload of [
        { language: 'en', topic: 'work' },
        { language: 'en', topic: 'work', privacyAccepted: false },
        { language: 'en', topic: 'astrology', privacyAccepted: true },
        { language: 'de', topic: 'work', privacyAccepted: true },
        { language: 'en', topic: 'work', privacyAccepted: true, visitorName: 'x'.repeat(61) },
      ]) {
        const response = await inject({ method: 'POST', url: '/api/conversations', payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().code).toBe('validation_failed');
      }
    });

    it('answers malformed JSON with bad_json', async () => {
      const response = await inject({ method: 'POST', url: '/api/conversations', headers: { 'content-type': 'application/json' }, payload: '{"language":' });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('bad_json');
    });

    it('returns a 256-bit token and nothing sequential', async () => {
      const started = await startConversation(server, { visitorName: '  Li  ' });
      expect(Buffer.from(started.token, 'base64url')).toHaveLength(32);
      expect(started.conversation).toMatchObject({ status: 'waiting', visitorName: 'Li', lastSeq: 1 });
      expect(JSON.stringify(started.conversation)).not.toMatch(/"id"/);
    });

    it('limits how many conversations one address may start per minute', async () => {
      const database = await target.create();
      // POW_CEILING_FACTOR 1: the limit without a proof of work to pass it (test/security/proof-of-work.int.test.ts has that).
      const limited = await startServer(database.url, { CONVERSATIONS_PER_MINUTE: '2', POW_CEILING_FACTOR: '1' });
      try {
        const codes = [];
        for (let i = 0; i < 3; i++) {
          const response = await limited.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'pl', topic: 'work', privacyAccepted: true } });
          codes.push(response.statusCode === 201 ? 201 : response.json().code);
        }
        expect(codes).toEqual([201, 201, 'rate_limited']);
      } finally {
        await limited.close();
        await database.drop();
      }
    });
  });

  describe('the transcript', () => {
    it('is plain text in the requested language with times in the office time zone', async () => {
      server.clock.set('2026-07-15T09:30:00Z'); // 11:30 in Warsaw (summer time)
      const started = await startConversation(server, { visitorName: 'Oksana', language: 'uk', topic: 'residence_card' });
      const { socket } = await connectVisitor(server, started.token);
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body: 'Де моя карта побиту?\n<script>x</script>' });
      await socket.next('ack');

      const response = await inject({ method: 'GET', url: '/api/conversations/current/transcript?lang=uk', headers: { authorization: `Bearer ${started.token}` } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="e-konsultant-2026-07-15\.txt"$/);
      expect(response.body).toContain('Запис консультації');
      expect(response.body).toContain('Карта побиту');
      expect(response.body).toContain('[11:30] Oksana: Де моя карта побиту?\n    <script>x</script>');
      expect(response.body).toContain('Europe/Warsaw');
    });

    it('is refused without the visitor token, and the token is never accepted in the URL', async () => {
      const started = await startConversation(server);
      expect((await inject({ method: 'GET', url: '/api/conversations/current/transcript' })).statusCode).toBe(404);
      const inUrl = await inject({ method: 'GET', url: `/api/conversations/current/transcript?token=${started.token}` });
      expect(inUrl.json().code).toBe('conversation_not_found');
      const wrong = await inject({ method: 'GET', url: '/api/conversations/current/transcript', headers: { authorization: `Bearer ${'B'.repeat(43)}` } });
      expect(wrong.json().code).toBe('conversation_not_found');
    });
  });

  it('answers unknown paths with a problem+json 404', async () => {
    const response = await inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('reports healthy while the database answers', async () => {
    const response = await inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: { database: 'ok', bus: 'ok' } });
  });
});

describe('health when the database is gone', () => {
  it('answers 503 naming the database', async () => {
    const target = databaseTargets[0]!;
    const server = await startServer((await target.create()).url);
    await server.database.close();
    const response = await server.app.server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable', bus: 'ok' } });
    await server.app.server.close();
  });
});
