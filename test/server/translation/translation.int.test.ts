/**
 * Two-way machine translation through the real Apertium APY (English–Spanish), behind a logging
 * proxy that shows what reached the engine and can make it slow or take it down. Translation
 * happens after the message is stored and delivered, so these also prove that ordering and
 * exactly-once delivery do not depend on the engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RetentionJob } from '../../../src/server/retention/job';
import { RetentionRepository } from '../../../src/server/retention/repository';
import type { ServerFrame } from '../../../src/shared/protocol';
import { connectVisitor, serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { apertiumUrl, startLoggingProxy, type LoggingProxy } from '../../support/apertium';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';
import type { TestSocket } from '../../support/ws-client';

const LIMITS = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };
const PATIENCE_MS = 300;

type Translated = Extract<ServerFrame, { type: 'message.translated' }>;

describe.skipIf(!apertiumUrl).each(databaseTargets)('machine translation through Apertium on $engine', (target) => {
  let proxy: LoggingProxy;
  beforeAll(async () => {
    proxy = await startLoggingProxy(apertiumUrl!);
  });
  afterAll(() => proxy.close());
  const suiteServer = serverForSuite(target, () => ({
    ...LIMITS,
    RETENTION_DAYS: '30',
    TRANSLATION_ENGINE: 'apertium',
    TRANSLATION_URL: proxy.url,
    TRANSLATION_PATIENCE_MS: String(PATIENCE_MS),
    TRANSLATION_TIMEOUT_MS: '20000',
  }));
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    proxy.delayMs = 0;
    proxy.down = false;
  });

  /** An English visitor with a consultant who turned translation into Spanish on. */
  async function translatedConversation() {
    const live = await liveConversation(server, { start: { language: 'en', visitorName: 'John' } });
    const response = await server.app.server.inject({
      method: 'PUT',
      url: `/api/conversations/${live.conversationId}/translation`,
      headers: { cookie: live.staff.cookie },
      payload: { enabled: true, staffLanguage: 'es' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ enabled: true, staffLanguage: 'es', visitorLanguage: 'en' });
    return live;
  }

  function send(socket: TestSocket, body: string, conversationId?: string): string {
    const clientId = randomUUID();
    socket.send({ type: 'message.send', clientId, body, ...(conversationId && { conversationId }) });
    return clientId;
  }

  const translatedFrame = (socket: TestSocket, seq: number, status: 'translated' | 'unavailable') =>
    socket.next('message.translated', (f: Translated) => f.seq === seq && f.translation.status === status);

  it('brings the visitor’s English to the consultant in Spanish and the reply back in English, stored for reconnects and the transcript', async () => {
    const { consultant, visitor, token, conversationId } = await translatedConversation();

    send(visitor, 'Hello, I need help with my residence card.');
    const fromVisitor = await consultant.next('message', (f) => f.message.author === 'visitor');
    expect(fromVisitor.message.body).toBe('Hello, I need help with my residence card.');
    const forConsultant = await translatedFrame(consultant, fromVisitor.message.seq, 'translated');
    expect(forConsultant).toMatchObject({ conversationId, translation: { from: 'en', to: 'es' } });
    expect(forConsultant.translation.text).toMatch(/ayuda/i);
    // The visitor learns too that their message was machine-translated.
    await translatedFrame(visitor, fromVisitor.message.seq, 'translated');

    send(consultant, 'Buenos días, ¿cómo puedo ayudarle?', conversationId);
    const fromConsultant = await visitor.next('message', (f) => f.message.author === 'staff');
    const forVisitor = await translatedFrame(visitor, fromConsultant.message.seq, 'translated');
    expect(forVisitor.translation).toMatchObject({ from: 'es', to: 'en' });
    expect(forVisitor.translation.text).toMatch(/good morning/i);
    expect(proxy.texts()).toEqual(['Hello, I need help with my residence card.', 'Buenos días, ¿cómo puedo ayudarle?']);

    // A reconnect gets the stored translations with the messages; nothing is translated again.
    const reconnected = await connectVisitor(server, token, 0);
    const missed = reconnected.welcome.missed;
    expect(missed.find((m) => m.seq === fromConsultant.message.seq)?.translation).toEqual(forVisitor.translation);
    expect(missed.find((m) => m.seq === fromVisitor.message.seq)?.translation).toEqual(forConsultant.translation);
    consultant.send({ type: 'conversation.sync', conversationId, lastSeq: 0 });
    const history = await consultant.next('history');
    expect(history.messages.find((m) => m.seq === fromVisitor.message.seq)?.translation).toEqual(forConsultant.translation);
    reconnected.socket.close();

    const transcript = await server.app.server.inject({ method: 'GET', url: '/api/conversations/current/transcript?lang=en', headers: { authorization: `Bearer ${token}` } });
    expect(transcript.body).toContain('Hello, I need help with my residence card.');
    expect(transcript.body).toContain(`[machine translation en → es] ${forConsultant.translation.text}`);
    expect(transcript.body).toContain(`[machine translation es → en] ${forVisitor.translation.text}`);
    expect(proxy.texts()).toHaveLength(2);
  });

  it('marks a message "unavailable" when the engine is slow, then updates the same message in place when the translation arrives', async () => {
    const { consultant, visitor, conversationId } = await translatedConversation();
    proxy.delayMs = PATIENCE_MS * 5;

    const clientId = send(visitor, 'Where is the office?');
    const ack = await visitor.next('ack', (f) => f.clientId === clientId);
    const delivered = await consultant.next('message', (f) => f.message.seq === ack.seq);
    expect(delivered.message.translation).toBeUndefined();
    const mark = await translatedFrame(consultant, ack.seq, 'unavailable');
    expect(mark.translation).toEqual({ status: 'unavailable', from: 'en', to: 'es', text: null });
    const late = await translatedFrame(consultant, ack.seq, 'translated');
    expect(late.translation.text).toMatch(/oficina/i);

    // In place: the message was delivered once, and the log holds its translation.
    expect(consultant.received.filter((f) => f.type === 'message' && f.message.seq === ack.seq)).toHaveLength(1);
    const [stored] = await server.app.conversations.messagesAfter(conversationId, ack.seq - 1);
    expect(stored?.translation).toEqual(late.translation);
  });

  it('delivers every message at once, in order and once, marked "unavailable", while the engine is down', async () => {
    const { consultant, visitor, conversationId } = await translatedConversation();
    const before = (await server.app.conversations.findById(conversationId)).last_seq;
    proxy.down = true;

    const bodies = ['one', 'two', 'three', 'four', 'five'].map((word) => `Message ${word} while the engine is down`);
    const clientIds = bodies.map((body) => send(visitor, body));
    const acks = [];
    for (const clientId of clientIds) acks.push(await visitor.next('ack', (f) => f.clientId === clientId));
    expect(acks.map((a) => a.seq)).toEqual(bodies.map((_, i) => before + 1 + i));
    for (const ack of acks) await translatedFrame(consultant, ack.seq, 'unavailable');
    const delivered = consultant.received.flatMap((f) => (f.type === 'message' && f.message.seq > before ? [f.message.body] : []));
    expect(delivered).toEqual(bodies);

    proxy.down = false;
    const clientId = send(visitor, 'The engine is back.');
    const ack = await visitor.next('ack', (f) => f.clientId === clientId);
    await translatedFrame(consultant, ack.seq, 'translated');
    const log = await server.app.conversations.messagesAfter(conversationId, before);
    expect(log.map((m) => [m.seq, m.translation?.status])).toEqual([...acks.map((a) => [a.seq, 'unavailable']), [ack.seq, 'translated']]);
  });

  it('never sends an internal note to the engine', async () => {
    const { staff, consultant, visitor, conversationId } = await translatedConversation();
    const secret = `NOTE-${randomUUID()}: check the passport copy`;
    const note = await server.app.server.inject({ method: 'POST', url: `/api/conversations/${conversationId}/notes`, headers: { cookie: staff.cookie }, payload: { body: secret } });
    expect(note.statusCode).toBe(201);
    const clientId = send(visitor, 'Thank you.');
    const ack = await visitor.next('ack', (f) => f.clientId === clientId);
    await translatedFrame(consultant, ack.seq, 'translated');
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(proxy.requests)).not.toContain('NOTE-');
  });

  it('deletes the translations with their conversation when retention deletes it', async () => {
    const { visitor, consultant, conversationId } = await translatedConversation();
    const clientId = send(visitor, 'Goodbye.');
    const ack = await visitor.next('ack', (f) => f.clientId === clientId);
    await translatedFrame(consultant, ack.seq, 'translated');
    await server.app.conversations.endByVisitor(conversationId);
    const count = async () =>
      Number((await server.database.db.selectFrom('message_translations').where('conversation_id', '=', conversationId).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(1);

    server.clock.advance(31 * 24 * 60 * 60 * 1000);
    await new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log).runOnce();
    expect(await count()).toBe(0);
  });
});

describe.each(databaseTargets)('without a translation engine on $engine', (target) => {
  const suiteServer = serverForSuite(target, LIMITS);

  it('says translation is not configured, refuses to turn it on, and delivers messages untouched', async () => {
    const server = suiteServer();
    const { staff, consultant, visitor, conversationId } = await liveConversation(server, { start: { language: 'en' } });
    const status = await server.app.server.inject({ method: 'GET', url: '/api/translation', headers: { cookie: staff.cookie } });
    expect(status.json()).toEqual({ configured: false, languages: [] });
    const turnOn = await server.app.server.inject({
      method: 'PUT',
      url: `/api/conversations/${conversationId}/translation`,
      headers: { cookie: staff.cookie },
      payload: { enabled: true, staffLanguage: 'es' },
    });
    expect(turnOn.statusCode).toBe(409);
    expect(turnOn.json().code).toBe('translation_not_configured');

    visitor.send({ type: 'message.send', clientId: randomUUID(), body: 'Hello' });
    const message = await consultant.next('message', (f) => f.message.author === 'visitor');
    expect(message.message.translation).toBeUndefined();
    const stranger = await signedInStaff(server);
    const other = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${conversationId}/translation`, headers: { cookie: stranger.cookie } });
    expect(other.json()).toEqual({ enabled: false, staffLanguage: null, visitorLanguage: 'en' });
  });
});

describe.skipIf(!apertiumUrl).each(databaseTargets)('translation on by default for chosen languages on $engine', (target) => {
  const suiteServer = serverForSuite(target, {
    ...LIMITS,
    LANGUAGES: 'pl,en,uk,ru,be',
    TRANSLATION_ENGINE: 'apertium',
    TRANSLATION_URL: apertiumUrl ?? '',
    TRANSLATION_AUTO_LANGUAGES: 'be',
    TRANSLATION_STAFF_LANGUAGE: 'ru',
  });

  it('translates a Belarusian visitor for a Russian-speaking consultant without anyone switching it on, and leaves other languages alone', async () => {
    const server = suiteServer();
    const belarusian = await liveConversation(server, { start: { language: 'be', visitorName: 'Алеся' }, staff: { languages: ['ru', 'pl'] } });
    const setting = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${belarusian.conversationId}/translation`, headers: { cookie: belarusian.staff.cookie } });
    expect(setting.json()).toEqual({ enabled: true, staffLanguage: 'ru', visitorLanguage: 'be' });
    const status = await server.app.server.inject({ method: 'GET', url: '/api/translation', headers: { cookie: belarusian.staff.cookie } });
    expect(status.json()).toMatchObject({ configured: true, languages: expect.arrayContaining(['be', 'en', 'es', 'ru']) });

    belarusian.visitor.send({ type: 'message.send', clientId: randomUUID(), body: 'Добры дзень, мне патрэбна дапамога.' });
    const message = await belarusian.consultant.next('message', (f) => f.message.author === 'visitor');
    const translated = await belarusian.consultant.next('message.translated', (f) => f.seq === message.message.seq);
    expect(translated.translation).toMatchObject({ status: 'translated', from: 'be', to: 'ru' });
    expect(translated.translation.text).toMatch(/помощь/i);

    const english = await liveConversation(server, { start: { language: 'en' } });
    english.visitor.send({ type: 'message.send', clientId: randomUUID(), body: 'Hello' });
    const plain = await english.consultant.next('message', (f) => f.message.author === 'visitor');
    expect(plain.message.translation).toBeUndefined();
    const [stored] = await server.app.conversations.messagesAfter(english.conversationId, plain.message.seq - 1);
    expect(stored?.translation).toBeUndefined();
  });
});
