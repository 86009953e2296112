/**
 * Continuing a conversation on another device, on both databases and across two instances: the
 * old device on one instance, the new one on the other. A code takes the conversation exactly
 * once, the old key is refused as moved (a live socket and a later hello alike), the consultant
 * goes on uninterrupted, codes end with the conversation, and guessing is limited.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../../src/server/events/bus';
import type { CaseCodeResponse, StartConversationResponse } from '../../../src/shared/protocol';
import { connectVisitor, serverForSuite, startConversation, startServer, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { redisUrl } from '../../support/redis';
import { liveConversation } from '../../support/live-conversation';
import { TestSocket } from '../../support/ws-client';
import { ROUTING_TEST_ENV } from '../routing/support';

const ENV = { ...ROUTING_TEST_ENV, ROUTING_MODE: 'manual', OFFICE_HOURS: 'mon-sun 00:00-24:00', HOLIDAYS: 'none', PUBLIC_URL: 'https://konsultant.example.org' };

async function issue(server: TestServer, token: string) {
  return server.app.server.inject({ method: 'POST', url: '/api/conversations/current/case-code', headers: { authorization: `Bearer ${token}` } });
}

async function issued(server: TestServer, token: string): Promise<CaseCodeResponse> {
  const response = await issue(server, token);
  expect(response.statusCode).toBe(201);
  return response.json();
}

function claim(server: TestServer, payload: { code: string } | { secret: string }, remoteAddress = '198.51.100.7') {
  return server.app.server.inject({ method: 'POST', url: '/api/case-codes/claim', payload, remoteAddress });
}

/** As the visitor might type it on a phone: lower case, no dashes, no prefix. */
function typedCasually(code: string): string {
  return code.slice(3).replace('-', '').toLowerCase();
}

describe.each(databaseTargets)('continuing on another device on $engine, two instances', (target) => {
  const instances = twoInstancesForSuite(target, ENV);

  it('moves the conversation by a typed code: a new key and the backlog there, the old device told on the other instance, the consultant uninterrupted', async () => {
    const [first, second] = instances();
    const live = await liveConversation(first, { start: { language: 'en' } });
    live.visitor.send({ type: 'message.send', clientId: randomUUID(), body: 'Before the phone died' });
    await live.consultant.next('message', (frame) => frame.message.body === 'Before the phone died');

    const { code, link, qrSvg } = await issued(first, live.token);
    expect(link).toMatch(/^https:\/\/konsultant\.example\.org\/continue#[\w-]{43}$/);
    expect(qrSvg).toContain('<svg');

    const seenBefore = live.consultant.received.length;
    const claimed = await claim(second, { code: typedCasually(code) });
    expect(claimed.statusCode).toBe(200);
    const moved: StartConversationResponse = claimed.json();
    expect(moved.token).not.toBe(live.token);
    expect(moved.conversation.status).toBe('active');

    // The old device, on the first instance, is told and let go; it does not reconnect.
    const refusal = await live.visitor.next('error');
    expect(refusal).toMatchObject({ code: 'conversation_moved', fatal: true });
    expect((await live.visitor.closed).code).toBe(4000);

    // The new device, on the second instance, gets the backlog and the consultant's next words.
    const { socket: newDevice, welcome } = await connectVisitor(second, moved.token);
    expect(welcome.missed.map((message) => message.body)).toContain('Before the phone died');
    live.consultant.send({ type: 'message.send', conversationId: live.conversationId, clientId: randomUUID(), body: 'Still here' });
    expect((await newDevice.next('message', (frame) => frame.message.body === 'Still here')).message.author).toBe('staff');
    newDevice.send({ type: 'message.send', clientId: randomUUID(), body: 'From the laptop now' });
    await live.consultant.next('message', (frame) => frame.message.body === 'From the laptop now');
    // The consultant saw no change of status and no closing.
    expect(live.consultant.received.slice(seenBefore).some((frame) => frame.type === 'conversation.updated' && frame.conversation.id === live.conversationId && frame.conversation.status !== 'active')).toBe(false);

    // The old key opens nothing any more, and says why, on either instance.
    expect((await issue(first, live.token)).json()).toMatchObject({ code: 'conversation_moved' });
    expect((await issue(second, live.token)).statusCode).toBe(410);
    const comingBack = await TestSocket.open(first.wsUrl);
    comingBack.send({ type: 'visitor.hello', token: live.token, lastSeq: 0 });
    expect(await comingBack.next('error')).toMatchObject({ code: 'conversation_moved', fatal: true });
    expect((await comingBack.closed).code).toBe(4000);
    newDevice.socket.close();
    live.consultant.socket.close();
  });

  it('lets exactly one of two devices claiming the same code at once on the two instances have it; the link of that code is used up with it', async () => {
    const [first, second] = instances();
    const { token } = await startConversation(first, { language: 'pl' });
    const { code, link } = await issued(first, token);
    const answers = await Promise.all([claim(first, { code }), claim(second, { code: code.toLowerCase() })]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 404]);
    expect(answers.find((answer) => answer.statusCode === 404)!.json()).toMatchObject({ code: 'case_code_invalid' });
    expect((await claim(second, { secret: link.split('#')[1]! })).json()).toMatchObject({ code: 'case_code_invalid' });
  });

  it('takes the conversation by the QR link once; a second scan opens nothing', async () => {
    const [first, second] = instances();
    const { token } = await startConversation(first, { language: 'uk' });
    const { code, link } = await issued(first, token);
    const secret = link.split('#')[1]!;
    const scanned = await claim(second, { secret });
    expect(scanned.statusCode).toBe(200);
    const { token: newToken } = scanned.json() as StartConversationResponse;
    expect((await claim(first, { secret })).statusCode).toBe(404);
    expect((await claim(first, { code })).statusCode).toBe(404);
    // The new device may hand it on again, with a code of its own.
    const again = await issued(second, newToken);
    expect(again.code).not.toBe(code);
    expect((await claim(first, { code: again.code })).statusCode).toBe(200);
  });

  it('replaces the code when asked again: only the newest works', async () => {
    const [first] = instances();
    const { token } = await startConversation(first, { language: 'en' });
    const before = await issued(first, token);
    const after = await issued(first, token);
    expect((await claim(first, { code: before.code })).statusCode).toBe(404);
    expect((await claim(first, { secret: before.link.split('#')[1]! })).statusCode).toBe(404);
    expect((await claim(first, { code: after.code })).statusCode).toBe(200);
  });

  it('ends the code with the conversation, and gives none for an ended one', async () => {
    const [first, second] = instances();
    const { token } = await startConversation(first, { language: 'en' });
    const { code } = await issued(first, token);
    const { socket } = await connectVisitor(first, token);
    socket.send({ type: 'conversation.end' });
    await socket.next('visitor.conversation.updated', (frame) => frame.conversation.status === 'closed');
    expect((await claim(second, { code })).json()).toMatchObject({ code: 'case_code_invalid' });
    expect((await issue(first, token)).json()).toMatchObject({ code: 'conversation_closed' });
    socket.close();
  });

  it('refuses what is not a code, and a code for nobody, with one answer', async () => {
    const [first] = instances();
    for (const code of ['hello', 'EK-0000-0000', 'EK-2222-2222', '']) {
      const answer = await claim(first, { code });
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toMatchObject({ code: 'case_code_invalid' });
    }
    expect((await claim(first, { code: 'x'.repeat(41) })).json()).toMatchObject({ code: 'validation_failed' });
  });
});

describe.each(databaseTargets)('guessing case codes on $engine', (target) => {
  describe('per address', () => {
    // POW_CEILING_FACTOR 1: the limit without a proof of work to pass it (test/security/proof-of-work.int.test.ts has that).
    const server = serverForSuite(target, { ...ENV, CASE_CODE_ATTEMPTS_PER_HOUR: '3', POW_CEILING_FACTOR: '1' });

    it('counts every attempt from one address: past the limit even the right code waits, while other addresses go on', async () => {
      const { token } = await startConversation(server(), { language: 'en' });
      const { code } = await issued(server(), token);
      for (let attempt = 0; attempt < 3; attempt++) expect((await claim(server(), { code: 'EK-2222-2222' }, '203.0.113.5')).statusCode).toBe(404);
      const refused = await claim(server(), { code }, '203.0.113.5');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'case_code_attempts_exceeded' });
      // Another address of the same IPv6 /64 is the same guesser; another network is not.
      for (let attempt = 0; attempt < 3; attempt++) expect((await claim(server(), { code: 'EK-2222-2222' }, `2001:db8:1:2::${attempt + 1}`)).statusCode).toBe(404);
      expect((await claim(server(), { code }, '2001:db8:1:2::99')).statusCode).toBe(429);
      expect((await claim(server(), { code }, '192.0.2.44')).statusCode).toBe(200);
    });
  });

  describe('on the whole desk', () => {
    const server = serverForSuite(target, { ...ENV, CASE_CODE_FAILURES_PER_HOUR: '5' });

    it('counts wrong codes from every address: past the limit nobody may try, so spreading a guess over addresses gains nothing', async () => {
      const { token } = await startConversation(server(), { language: 'en' });
      const { code } = await issued(server(), token);
      const other = await startConversation(server(), { language: 'en' });
      // A right code is no failure.
      expect((await claim(server(), { code: (await issued(server(), other.token)).code }, '192.0.2.200')).statusCode).toBe(200);
      for (let guesser = 1; guesser <= 5; guesser++) expect((await claim(server(), { code: 'EK-2222-2222' }, `192.0.2.${guesser}`)).statusCode).toBe(404);
      const refused = await claim(server(), { code }, '192.0.2.100');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'case_code_attempts_exceeded' });
    });
  });
});

describe.skipIf(!redisUrl).each(databaseTargets)('guessing case codes on $engine, two instances sharing the limits in Redis', (target) => {
  let instances: TestServer[] = [];
  let redis: Redis | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await target.create();
    drop = database.drop;
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
    const bus = createInProcessBus();
    const env = { ...ENV, CASE_CODE_ATTEMPTS_PER_HOUR: '4', CASE_CODE_FAILURES_PER_HOUR: '6', POW_CEILING_FACTOR: '1' };
    for (let instance = 0; instance < 2; instance++) instances.push(await startServer(database.url, env, bus, { rateLimitRedis: redis }));
  });
  afterAll(async () => {
    for (const instance of [...instances].reverse()) await instance.close();
    instances = [];
    redis?.disconnect();
    await drop?.();
  });

  it('counts one address’s attempts and the desk’s wrong codes on both instances together', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { token } = await startConversation(first, { language: 'en' });
    const { code } = await issued(first, token);
    for (const instance of [first, second, first, second]) expect((await claim(instance, { code: 'EK-2222-2222' }, '203.0.113.9')).statusCode).toBe(404);
    expect((await claim(second, { code }, '203.0.113.9')).json()).toMatchObject({ code: 'case_code_attempts_exceeded' });
    // Four wrong codes so far; two more from elsewhere reach the desk's six.
    for (const guesser of ['198.51.100.1', '198.51.100.2']) expect((await claim(second, { code: 'EK-3333-3333' }, guesser)).statusCode).toBe(404);
    expect((await claim(first, { code }, '192.0.2.77')).json()).toMatchObject({ code: 'case_code_attempts_exceeded' });
  });
});
