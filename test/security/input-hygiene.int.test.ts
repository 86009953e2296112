/**
 * Finding 8: one rule for all text people send. Control characters (NUL included: PostgreSQL
 * refuses it in text and answered 500) and bidirectional overrides (which disguise names and
 * messages) are removed at the edge; no bad input gets a 5xx on either database.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, startConversation, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

const OPEN_LIMITS = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000', LEFT_MESSAGES_PER_HOUR: '1000' };
const UNSAFE = '\u0000\u0007\u001b\u202e\u2066\u0085';

describe.each(databaseTargets)('input hygiene on $engine', (target) => {
  const suiteServer = serverForSuite(target, OPEN_LIMITS);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);

  it('answers NUL bytes in unauthenticated requests without a 5xx', async () => {
    const requests: InjectOptions[] = [
      { method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@example.org', password: 'x\u0000y' } },
      { method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true, visitorName: 'A\u0000', visitorTimeZone: 'Europe/\u0000' } },
      { method: 'POST', url: '/api/left-messages', payload: { language: 'en', topic: 'work', body: 'Hello\u0000', email: 'x@example.org', consent: true } },
      { method: 'GET', url: '/api/topics/%00' },
      { method: 'GET', url: '/api/conversations/current', headers: { authorization: 'Bearer \u0000' } },
      { method: 'GET', url: '/api/bookings/slots?date=%00' },
    ];
    for (const request of requests) {
      const response = await inject(request);
      expect(response.statusCode, `${request.method} ${request.url}`).toBeLessThan(500);
    }
  });

  it('removes control characters and bidi overrides from names and messages, keeping line breaks', async () => {
    const started = await startConversation(server, { visitorName: `Ann${UNSAFE}a` });
    const { socket, welcome } = await connectVisitor(server, started.token);
    expect(welcome.conversation.visitorName).toBe('Anna');
    socket.send({ type: 'message.send', clientId: randomUUID(), body: `gnp.${UNSAFE}exe\nsecond line` });
    await socket.next('ack');
    const transcript = await inject({ method: 'GET', url: '/api/conversations/current/transcript?lang=en', headers: { authorization: `Bearer ${started.token}` } });
    expect(transcript.body).toContain('gnp.exe\n    second line');
    expect(transcript.body).not.toMatch(/[\u0000\u0007\u001b\u202e\u2066\u0085]/);
    socket.close();
  });

  it('refuses a message that is nothing but invisible characters as empty', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const { socket } = await connectStaff(server, admin.cookie);
    const started = await startConversation(server);
    const visitor = await connectVisitor(server, started.token);
    visitor.socket.send({ type: 'message.send', clientId: randomUUID(), body: '\u202e\u0000' });
    const refusal = await visitor.socket.next('error');
    expect(['empty_message', 'invalid_frame']).toContain(refusal.code);
    visitor.socket.close();
    socket.close();
  });

  it('answers an empty change of a staff account with the account unchanged, not a 500', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const colleague = await signedInStaff(server, { name: 'Ewa' });
    const response = await inject({ method: 'PATCH', url: `/api/admin/staff/${colleague.user.id}`, headers: { cookie: admin.cookie }, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json().account ?? response.json()).toMatchObject({ name: 'Ewa' });
  });

  it('answers a multipart body that is not multipart at all as bad input (found by the fuzzer)', async () => {
    const garbage = Buffer.from([0xa7, 0x6c, 0x0d, 0x0a, 0x2d, 0x2d, 0x78, 0x0d, 0x0a, 0xff, 0x00, 0x3e]);
    const response = await inject({ method: 'POST', url: '/api/left-messages', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: garbage });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
