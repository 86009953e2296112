import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { MAX_ATTEMPTS } from '../../../src/server/mail/outbox';
import { GIVEN_UP_MAIL_DAYS, RetentionJob } from '../../../src/server/retention/job';
import { RetentionRepository } from '../../../src/server/retention/repository';
import { serverForSuite, serverWithSmtpForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { pdf } from '../../fixtures/files/make';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(databaseTargets)('retention on $engine', (target) => {
  const suiteServer = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', RETENTION_DAYS: '30' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  const job = (days = 30) => new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days, auditDays: 0 }, server.app.server.log);
  const nothing = { conversations: 0, leftMessages: 0, bookings: 0, mails: 0, comments: 0, auditEntries: 0, signInFailures: 0, blocks: 0 };

  /** A conversation started at `startedAt` (a Wednesday noon in Warsaw), with a file; closed then if asked. */
  async function conversationWithFile(startedAt: string, close: boolean) {
    server.clock.set(startedAt);
    const { token } = await startConversation(server);
    const conversation = await server.app.conversations.findByToken(token);
    const body = new FormData();
    body.append('clientId', randomUUID());
    body.append('file', new Blob([new Uint8Array(pdf())]), 'letter.pdf');
    const upload = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    expect(upload.status).toBe(201);
    const { message } = await upload.json();
    if (close) await server.app.conversations.endByVisitor(conversation.id);
    return { token, id: conversation.id, fileId: message.attachment.id as string };
  }

  const rows = async (conversationId: string) => {
    const db = server.database.db;
    const count = async (table: 'conversations' | 'messages' | 'files', column: 'id' | 'conversation_id') => {
      const row = await db.selectFrom(table).where(column, '=', conversationId).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return { conversations: await count('conversations', 'id'), messages: await count('messages', 'conversation_id'), files: await count('files', 'conversation_id') };
  };

  it('deletes conversations closed more than RETENTION_DAYS ago with their messages and files, and nothing else', async () => {
    const old = await conversationWithFile('2026-01-14T11:00:00Z', true);
    const recent = await conversationWithFile('2026-02-11T11:00:00Z', true);
    const stillOpen = await conversationWithFile('2026-02-11T11:00:00Z', false);
    expect(await rows(old.id)).toEqual({ conversations: 1, messages: 3, files: 1 });

    server.clock.set(new Date(Date.parse('2026-01-14T11:00:00Z') + 31 * DAY_MS).toISOString());
    expect(await job().runOnce()).toEqual({ ...nothing, conversations: 1 });

    expect(await rows(old.id)).toEqual({ conversations: 0, messages: 0, files: 0 });
    expect(await rows(recent.id)).toEqual({ conversations: 1, messages: 3, files: 1 });
    expect(await rows(stillOpen.id)).toEqual({ conversations: 1, messages: 2, files: 1 });
    const staff = await signedInStaff(server);
    const gone = await fetch(`${server.baseUrl}/api/staff/files/${old.fileId}`, { headers: { cookie: staff.cookie } });
    expect(gone.status).toBe(404);

    // Idempotent: a second run (or another instance running at once) finds nothing to do.
    expect(await Promise.all([job().runOnce(), job().runOnce()])).toEqual([nothing, nothing]);
    expect(await rows(recent.id)).toEqual({ conversations: 1, messages: 3, files: 1 });
  });

  it('keeps everything when RETENTION_DAYS is 0', async () => {
    const old = await conversationWithFile('2026-01-14T11:00:00Z', true);
    server.clock.set('2030-01-01T00:00:00Z');
    expect(await job(0).runOnce()).toEqual(nothing);
    expect(await rows(old.id)).toEqual({ conversations: 1, messages: 3, files: 1 });
  });
});

describe.each(databaseTargets)('retention of left messages, bookings and given-up mail on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { RETENTION_DAYS: '30', LEFT_MESSAGES_PER_HOUR: '1000' });
  let server: TestServer;
  beforeEach(() => {
    const started = suite();
    server = started.server;
    started.smtp.refuse(true); // every mail fails, so the outbox keeps them until it gives up
  });

  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const job = () => new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log);
  const nothing = { conversations: 0, leftMessages: 0, bookings: 0, mails: 0, comments: 0, auditEntries: 0, signInFailures: 0, blocks: 0 };
  const ids = async (table: 'left_messages' | 'bookings' | 'mail_outbox') =>
    (await server.database.db.selectFrom(table).select('id').orderBy('id').execute()).map((row) => row.id);

  async function leftMessage(at: string): Promise<string> {
    server.clock.set(at);
    const payload = { language: 'en', topic: 'work', body: 'When can I collect my card?', email: 'visitor@example.org', consent: true };
    const response = await inject({ method: 'POST', url: '/api/left-messages', payload });
    expect(response.statusCode).toBe(201);
    const row = await server.database.db.selectFrom('left_messages').select('id').where('reference', '=', response.json().reference).executeTakeFirstOrThrow();
    return row.id;
  }
  /** Answers or closes a left message at `at`, as a staff member signed in then. */
  async function handle(id: string, action: 'answer' | 'close', at: string): Promise<void> {
    server.clock.set(at);
    const { cookie } = await signedInStaff(server);
    const response = await inject({ method: 'POST', url: `/api/inbox/${id}/${action}`, headers: { cookie }, payload: action === 'answer' ? { answer: 'Room 12.' } : undefined });
    expect(response.statusCode).toBe(200);
  }
  /** Books the slot; returns the private link's token. */
  async function booking(startsAt: string): Promise<string> {
    server.clock.set('2026-01-19T08:00:00Z'); // Monday morning: the week's slots are open
    const payload = { language: 'uk', topic: 'residence_card', callKind: 'video', startsAt, email: 'visitor@example.org', timeZone: 'Europe/Kyiv', privacyAccepted: true };
    const response = await inject({ method: 'POST', url: '/api/bookings', payload });
    expect(response.statusCode).toBe(201);
    return response.json().token;
  }

  it('deletes left messages closed or answered, and bookings whose slot ended, more than RETENTION_DAYS ago; given-up mail a week after', async () => {
    await signedInStaff(server, { languages: ['uk'] }); // a consultant, so slots have a place
    const answered = await leftMessage('2026-01-17T10:00:00Z'); // Saturday: closed, messages are taken
    const closed = await leftMessage('2026-01-17T10:05:00Z');
    const unanswered = await leftMessage('2026-01-17T10:10:00Z');
    const answeredLater = await leftMessage('2026-01-17T10:15:00Z');
    await handle(answered, 'answer', '2026-01-17T11:00:00Z');
    await handle(closed, 'close', '2026-01-17T11:00:00Z');
    await handle(answeredLater, 'answer', '2026-01-24T11:00:00Z');

    await booking('2026-01-19T10:00:00.000Z'); // ends 10:20 that Monday
    const cancelled = await booking('2026-01-19T10:20:00.000Z');
    expect((await inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: { authorization: `Bearer ${cancelled}` } })).statusCode).toBe(200);
    await booking('2026-01-23T10:00:00.000Z'); // Friday
    expect(await ids('bookings')).toHaveLength(3);

    // Every mail (4 confirmations, 2 answers, 3 booked, 1 cancelled) fails until the outbox gives it up.
    await server.app.mail.settled();
    expect(await ids('mail_outbox')).toHaveLength(10);
    const givenUpAt = '2026-01-25T12:00:00.000Z';
    server.clock.set(givenUpAt);
    await server.database.db.updateTable('mail_outbox').set({ attempts: MAX_ATTEMPTS - 1 }).execute();
    await server.app.mail.deliverDue();
    const outbox = await server.database.db.selectFrom('mail_outbox').select(['next_attempt_at', 'given_up_at']).execute();
    expect(outbox.every((mail) => mail.next_attempt_at === null && mail.given_up_at === givenUpAt)).toBe(true);

    // A week less a minute after giving up: everything is still there.
    server.clock.set(new Date(Date.parse(givenUpAt) + GIVEN_UP_MAIL_DAYS * DAY_MS - 60_000).toISOString());
    expect(await job().runOnce()).toEqual(nothing);
    server.clock.advance(2 * 60_000);
    expect(await job().runOnce()).toEqual({ ...nothing, mails: 10 });
    expect(await ids('mail_outbox')).toEqual([]);

    // 30 days after 20 January: the Monday bookings (the cancelled one too), the messages handled on
    // the 17th and the one left unanswered since then go.
    server.clock.set(new Date(Date.parse('2026-01-20T00:00:00Z') + 30 * DAY_MS).toISOString());
    expect(await job().runOnce()).toEqual({ ...nothing, leftMessages: 3, bookings: 2 });
    expect(await ids('left_messages')).toEqual([answeredLater]);
    expect(unanswered).not.toBe(answeredLater);
    const remaining = await server.database.db.selectFrom('bookings').select('starts_at').execute();
    expect(remaining.map((row) => row.starts_at)).toEqual(['2026-01-23T10:00:00.000Z']);
    const counters = await server.database.db.selectFrom('booking_slots').select('starts_at').execute();
    expect(counters.map((row) => row.starts_at)).toEqual(['2026-01-23T10:00:00.000Z']);
    expect(await job().runOnce()).toEqual(nothing);
  });
});
