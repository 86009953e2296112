/**
 * Leaving a message while the desk is closed, the confirmation and the answer by e-mail (a real
 * SMTP server on loopback), the private page, and the staff inbox; on SQLite and PostgreSQL.
 */
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { FILE_TYPES, type LeaveMessageRequest, type LeaveMessageResponse } from '../../../src/shared/protocol';
import { LeftMessageRepository } from '../../../src/server/inbox/repository';
import { InboxService } from '../../../src/server/inbox/service';
import { serverForSuite, serverWithSmtpForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { refusingOutbox } from '../mail/refusing-outbox';
import type { ReceivedMail, TestSmtpServer } from '../../support/smtp';

const SATURDAY = '2026-01-17T10:00:00Z';
const PUBLIC_URL = 'https://konsultant.urzad.example';

const validRequest = (overrides: Partial<LeaveMessageRequest> = {}): LeaveMessageRequest => ({
  language: 'uk',
  topic: 'residence_card',
  body: 'Коли можна забрати карту побиту? Оксана Петренко',
  email: 'oksana.petrenko@example.org',
  consent: true,
  ...overrides,
});

/** What the private link in an e-mail carries after `#`. */
function tokenFromLink(mail: ReceivedMail): string {
  const match = new RegExp(`${PUBLIC_URL}/message\\?lang=${mail.language}#([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error('no private link in the mail');
  return match[1];
}

describe.each(databaseTargets)('left messages on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { PUBLIC_URL, LEFT_MESSAGES_PER_HOUR: '1000' });
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeEach(() => {
    ({ server, smtp } = suite());
    server.clock.set(SATURDAY);
    smtp.refuse(false);
  });

  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const leave = (payload: unknown) => inject({ method: 'POST', url: '/api/left-messages', payload: payload as InjectOptions['payload'] });
  const visitorView = (token: string) => inject({ method: 'GET', url: '/api/left-messages/current', headers: { authorization: `Bearer ${token}` } });
  const countRows = async (table: 'left_messages' | 'mail_outbox') =>
    Number((await server.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('confirms a left message by e-mail in the visitor’s language, with no personal data in the subject', async () => {
    const response = await leave(validRequest());
    expect(response.statusCode).toBe(201);
    const { reference, token } = response.json<LeaveMessageResponse>();
    expect(reference).toMatch(/^EK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['oksana.petrenko@example.org']);
    expect(mail.language).toBe('uk');
    expect(mail.subject).toBe(`Ми отримали ваше повідомлення (${reference})`);
    for (const personal of ['Оксана', 'Петренко', 'oksana', 'карту']) expect(mail.subject).not.toContain(personal);
    expect(mail.text).toContain(reference);
    expect(mail.html).toContain(reference);
    expect(mail.text).toContain('Консультант відповість');
    expect(tokenFromLink(mail)).toBe(token);
    expect(mail.html).not.toMatch(/<img|src=/i);

    const view = await visitorView(token);
    expect(view.statusCode).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.json()).toMatchObject({ reference, status: 'new', language: 'uk', topic: 'residence_card', answer: null });
    expect(view.json()).not.toHaveProperty('email');
    await server.app.mail.settled();
    expect(await countRows('mail_outbox')).toBe(0);
  });

  it('e-mails the staff answer and shows it on the private page; the inbox moves it from new to answered to closed', async () => {
    const { reference } = (await leave(validRequest({ language: 'en', email: 'visitor@example.org', body: 'When can I collect my card?' }))).json<LeaveMessageResponse>();
    const token = tokenFromLink(await smtp.nextMail());
    const { cookie, user } = await signedInStaff(server, { name: 'Anna Nowak' });
    const staff = (options: InjectOptions) => inject({ ...options, headers: { cookie } });

    const fresh = (await staff({ method: 'GET', url: '/api/inbox?status=new' })).json().messages;
    const listed = fresh.find((message: { reference: string }) => message.reference === reference);
    expect(listed).toMatchObject({ status: 'new', email: 'visitor@example.org', body: 'When can I collect my card?', language: 'en' });

    const answerText = 'From Monday, room 12.\nBring your passport. <b>not bold</b>';
    const answered = await staff({ method: 'POST', url: `/api/inbox/${listed.id}/answer`, payload: { answer: answerText } });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: answerText, answeredBy: { id: user.id, name: 'Anna Nowak' } });

    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['visitor@example.org']);
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(`Answer to your message (${reference})`);
    expect(mail.text).toContain('> From Monday, room 12.\n> Bring your passport.');
    expect(mail.html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>not bold</b>');

    expect((await visitorView(token)).json()).toMatchObject({ status: 'answered', answer: answerText });
    expect((await staff({ method: 'GET', url: '/api/inbox?status=new' })).json().messages.map((m: { id: string }) => m.id)).not.toContain(listed.id);

    const again = await staff({ method: 'POST', url: `/api/inbox/${listed.id}/answer`, payload: { answer: 'Twice' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('left_message_answered');

    const closed = await staff({ method: 'POST', url: `/api/inbox/${listed.id}/close` });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect((await staff({ method: 'POST', url: `/api/inbox/${listed.id}/close` })).json().code).toBe('left_message_closed');
    expect((await visitorView(token)).json()).toMatchObject({ status: 'closed', answer: answerText });

    const audit = await server.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', listed.id).orderBy('at').execute();
    expect(audit.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['left_message.answered', user.id],
      ['left_message.closed', user.id],
    ]);
    expect(audit.map((entry) => entry.detail).join()).not.toContain('card');
  });

  it('keeps the message when the mail server refuses, and sends the confirmation on a later retry', async () => {
    smtp.refuse(true);
    const response = await leave(validRequest({ email: 'later@example.org' }));
    expect(response.statusCode).toBe(201);
    const { reference, token } = response.json<LeaveMessageResponse>();
    await server.app.mail.settled();
    expect((await visitorView(token)).json()).toMatchObject({ reference, status: 'new' });
    const [stored] = await server.database.db.selectFrom('mail_outbox').selectAll().execute();
    expect(stored).toMatchObject({ recipient: 'later@example.org', attempts: 1, last_error: '451', next_attempt_at: '2026-01-17T10:01:00.000Z' });

    smtp.refuse(false);
    await server.app.mail.deliverDue(); // not due yet
    expect(smtp.pending()).toBe(0);

    server.clock.advance(60_000);
    // Two instances retrying at once: the claim lets only one of them send.
    await Promise.all([server.app.mail.deliverDue(), server.app.mail.deliverDue()]);
    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['later@example.org']);
    expect(mail.text).toContain(reference);
    expect(smtp.pending()).toBe(0);
    expect(await countRows('mail_outbox')).toBe(0);
  });

  it('refuses invalid input with a typed error and stores nothing', async () => {
    const before = { messages: await countRows('left_messages'), mails: await countRows('mail_outbox') };
    for (const payload of [
      validRequest({ email: 'not-an-address' }),
      { ...validRequest(), consent: false },
      { ...validRequest(), consent: undefined },
      validRequest({ body: '   ' }),
      validRequest({ topic: 'astrology' }),
      { ...validRequest(), language: 'de' },
    ]) {
      const response = await leave(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    const tooLong = await leave(validRequest({ body: 'x'.repeat(4001) }));
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json().code).toBe('message_too_long');
    expect({ messages: await countRows('left_messages'), mails: await countRows('mail_outbox') }).toEqual(before);
    expect(smtp.pending()).toBe(0);
  });

  it('stores a message and its mail together or not at all: when the database refuses the mail, neither is kept', async () => {
    const inbox = new InboxService({
      repository: new LeftMessageRepository(server.database.db),
      mail: refusingOutbox(server.app.mail),
      audit: server.app.audit,
      screening: server.app.uploadScreening,
      schedule: server.app.schedule,
      topics: server.app.topics,
      office: server.app.office,
      clock: server.clock,
      publicUrl: PUBLIC_URL,
      files: { maxBytes: 1024 * 1024, types: FILE_TYPES, perConversation: 20, bytesPerConversation: 20 * 1024 * 1024 },
      reports: server.app.reports,
    });
    const before = { messages: await countRows('left_messages'), mails: await countRows('mail_outbox') };
    await expect(inbox.leave(server.app.desk, validRequest({ email: 'never@example.org' }))).rejects.toThrow();
    expect({ messages: await countRows('left_messages'), mails: await countRows('mail_outbox') }).toEqual(before);

    // An answer likewise: the message stays new, without the answer.
    const { reference } = (await leave(validRequest())).json<LeaveMessageResponse>();
    await smtp.nextMail();
    const { user } = await signedInStaff(server);
    const staff = await server.database.db.selectFrom('staff_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    const message = await server.database.db.selectFrom('left_messages').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    await expect(inbox.answer(server.app.desk, staff, message.id, 'Room 12.')).rejects.toThrow();
    expect(await server.database.db.selectFrom('left_messages').select(['status', 'answer']).where('id', '=', message.id).executeTakeFirst()).toEqual({ status: 'new', answer: null });
    await server.app.mail.settled();
    expect(await countRows('mail_outbox')).toBe(0);
  });

  it('answers 404 for an unknown or missing private-link token', async () => {
    for (const headers of [{ authorization: `Bearer ${'A'.repeat(43)}` }, {}]) {
      const response = await inject({ method: 'GET', url: '/api/left-messages/current', headers });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('left_message_not_found');
    }
  });

  it('keeps the inbox for signed-in staff', async () => {
    expect((await inject({ method: 'GET', url: '/api/inbox' })).json().code).toBe('unauthenticated');
    const { cookie } = await signedInStaff(server);
    const missing = await inject({ method: 'POST', url: '/api/inbox/00000000-0000-4000-8000-000000000000/answer', headers: { cookie }, payload: { answer: 'x' } });
    expect(missing.statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/api/inbox?status=unknown', headers: { cookie } })).statusCode).toBe(400);
  });
});

describe.each(databaseTargets)('leaving messages, rate-limited, on $engine', (target) => {
  // POW_CEILING_FACTOR 1: the limit without a proof of work to pass it (test/security/proof-of-work.int.test.ts has that).
  const suiteServer = serverForSuite(target, { LEFT_MESSAGES_PER_HOUR: '2', POW_CEILING_FACTOR: '1' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('refuses more than LEFT_MESSAGES_PER_HOUR from one address', async () => {
    const leave = () => server.app.server.inject({ method: 'POST', url: '/api/left-messages', payload: validRequest() as unknown as Record<string, unknown> });
    expect((await leave()).statusCode).toBe(201);
    expect((await leave()).statusCode).toBe(201);
    const third = await leave();
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('rate_limited');
  });
});

describe.each(databaseTargets)('after the service period on $engine', (target) => {
  const suiteServer = serverForSuite(target, { SERVICE_END: '2026-01-16' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set(SATURDAY);
  });

  it('takes no more messages, since nobody is there to answer them', async () => {
    const response = await server.app.server.inject({ method: 'POST', url: '/api/left-messages', payload: validRequest() as unknown as Record<string, unknown> });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('service_closed');
    expect(await server.database.db.selectFrom('left_messages').selectAll().execute()).toEqual([]);
  });
});
