/**
 * Booking a call on a real database with a real SMTP server on loopback: the e-mails with both
 * time zones and a calendar file, moving and cancelling through the private link, the last place
 * taken by exactly one of two simultaneous bookings and one conversation for two simultaneous
 * joins (two instances on one database), a booking and its mail stored together, refusals,
 * joining the call and the console's agenda; on SQLite and PostgreSQL.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatBookingTime } from '../../../src/server/bookings/mail';
import { createBookingService } from '../../../src/server/bookings/service';
import { loadConfig } from '../../../src/server/config';
import { hashToken } from '../../../src/server/tokens';
import type { AgendaResponse, BookingSlotsResponse, CreateBookingRequest, CreateBookingResponse } from '../../../src/shared/protocol';
import { STAFF_PASSWORD, connectStaff, connectVisitor, signedInStaff, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../support/smtp';
import { refusingOutbox } from '../mail/refusing-outbox';

const PUBLIC_URL = 'https://konsultant.urzad.example';
/** Monday 19 January 2026, 09:00 in Warsaw; the desk opens at 11:00 (10:00 UTC). */
const MONDAY_MORNING = '2026-01-19T08:00:00Z';
const EMAIL = 'olena.kovalenko@example.org';

/** The properties of the calendar file's lines, unfolded (RFC 5545 §3.1), up to the event's reminders (VALARM). */
function calendarOf(mail: ReceivedMail): Map<string, string> {
  const ics = mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
  if (!ics) throw new Error('no calendar file attached');
  const lines = ics.content.toString('utf8').replace(/\r\n[ \t]/g, '').split('BEGIN:VALARM')[0]!.split('\r\n');
  return new Map(lines.filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')).split(';')[0]!, line.slice(line.indexOf(':') + 1)]));
}

/** "20260119T100000Z" for an ISO instant. */
const icsUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe.each(databaseTargets)('booked calls on $engine', (target) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let other: TestServer;
  let drop: () => Promise<void>;
  let staffEmail: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await target.create();
    drop = database.drop;
    // These tests move the clock into reminder windows; the reminders have their own tests
    // (booking-reminders.int.test.ts), so no sweep adds a mail the ones here do not expect. The abuse
    // limits (test/security/mail-and-booking-abuse) are lifted: these tests book often from one address.
    const env = {
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      CONVERSATIONS_PER_MINUTE: '1000',
      LAST_ENTRY_MINUTES: '10',
      BOOKING_REMINDER_SWEEP_SECONDS: '3600',
      BOOKINGS_PER_EMAIL: '1000',
      BOOKINGS_PER_IP: '1000',
      MAILS_PER_RECIPIENT_PER_DAY: '1000',
    };
    server = await startServer(database.url, env);
    other = await startServer(database.url, env); // a second instance on the same database
    // One consultant speaking Ukrainian and Polish: one booking per slot, none in Russian.
    staffEmail = (await signedInStaff(server, { languages: ['uk', 'pl'] })).email;
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
    await drop?.();
    await smtp?.close();
  });
  beforeEach(() => {
    for (const instance of [server, other]) instance.clock.set(MONDAY_MORNING);
  });

  const inject = (options: InjectOptions, on = server) => on.app.server.inject(options);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const slots = async (language = 'uk') =>
    (await inject({ method: 'GET', url: `/api/bookings/slots?language=${language}` })).json<BookingSlotsResponse>().slots;
  const request = (startsAt: string, overrides: Partial<CreateBookingRequest> = {}): CreateBookingRequest => ({
    language: 'uk',
    topic: 'residence_card',
    callKind: 'video',
    startsAt,
    email: EMAIL,
    timeZone: 'America/New_York',
    privacyAccepted: true,
    ...overrides,
  });
  const book = (payload: CreateBookingRequest, on = server) => inject({ method: 'POST', url: '/api/bookings', payload }, on);
  const booked = async (payload: CreateBookingRequest) => {
    const response = await book(payload);
    expect(response.statusCode).toBe(201);
    await smtp.nextMail(); // the confirmation
    return response.json<CreateBookingResponse>().token;
  };
  const move = (token: string, startsAt: string) =>
    inject({ method: 'POST', url: '/api/bookings/current/move', headers: bearer(token), payload: { startsAt, timeZone: 'Asia/Kolkata' } });
  const cancel = (token: string) => inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(token) });
  const join = (token: string) => inject({ method: 'POST', url: '/api/bookings/current/join', headers: bearer(token) });
  /** A fresh session: the tests move the clock by days, past a session's lifetime. */
  const staffCookie = async () => {
    const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: staffEmail, password: STAFF_PASSWORD } });
    return String(response.headers['set-cookie']).split(';')[0]!;
  };
  const agenda = async (date: string) =>
    inject({ method: 'GET', url: `/api/staff/agenda?date=${date}`, headers: { cookie: await staffCookie() } });

  it('offers the day’s slots in the opening hours, and none in a language no consultant speaks', async () => {
    const offered = await slots('uk');
    const monday = offered.filter((slot) => slot.startsAt.startsWith('2026-01-19'));
    expect(monday.map((slot) => slot.startsAt.slice(11, 16))).toEqual(['10:00', '10:20', '10:40', '11:00', '11:20', '11:40', '12:00', '12:20', '12:40']);
    expect(monday[0]).toEqual({ startsAt: '2026-01-19T10:00:00.000Z', endsAt: '2026-01-19T10:20:00.000Z', placesLeft: 1 });
    expect(await slots('ru')).toEqual([]);
    expect((await book(request('2026-01-19T10:00:00.000Z', { language: 'ru' }))).json().code).toBe('slot_full');
  });

  it('books a slot, sends the e-mail in the visitor’s language with both times and a calendar file, and stores only the hash of the link', async () => {
    const startsAt = '2026-01-19T10:00:00.000Z';
    const response = await book(request(startsAt));
    expect(response.statusCode).toBe(201);
    const { token, booking } = response.json<CreateBookingResponse>();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(booking).toMatchObject({ status: 'booked', language: 'uk', callKind: 'video', startsAt, endsAt: '2026-01-19T10:20:00.000Z', officeTimeZone: 'Europe/Warsaw' });

    const mail = await smtp.nextMail();
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.language).toBe('uk');
    expect(mail.subject).toBe('Вашу розмову з консультантом заброньовано');
    expect(mail.subject).not.toContain(EMAIL);
    expect(mail.text).toContain(formatBookingTime(startsAt, 'uk', 'Europe/Warsaw')); // 11:00 in Warsaw
    expect(mail.text).toContain(formatBookingTime(startsAt, 'uk', 'America/New_York')); // 05:00 in New York
    expect(mail.text).toContain('11:00 (Europe/Warsaw)');
    expect(mail.text).toContain('05:00 (America/New_York)');
    expect(mail.text).toContain('відеорозмова');
    expect(mail.text).toContain(`${PUBLIC_URL}/booking?lang=uk#${token}`);
    const calendar = calendarOf(mail);
    expect(calendar.get('METHOD')).toBe('REQUEST');
    expect(calendar.get('DTSTART')).toBe(icsUtc(startsAt));
    expect(calendar.get('DTEND')).toBe('20260119T102000Z');
    expect(calendar.get('SEQUENCE')).toBe('0');
    expect(calendar.get('UID')).toMatch(/@e-konsultant$/);

    const row = await server.database.db.selectFrom('bookings').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    // The only place is taken: the slot is no longer offered.
    expect((await slots('uk')).map((slot) => slot.startsAt)).not.toContain(startsAt);
    expect((await slots('pl')).map((slot) => slot.startsAt)).not.toContain(startsAt);
  });

  it('moves a booking (new time, SEQUENCE + 1, the same UID) and frees the old slot; cancelling sends METHOD:CANCEL', async () => {
    const first = '2026-01-19T10:20:00.000Z';
    const second = '2026-01-19T11:00:00.000Z';
    const token = await booked(request(first));

    const moved = await move(token, second);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().booking).toMatchObject({ status: 'booked', startsAt: second });
    const movedMail = await smtp.nextMail();
    expect(movedMail.subject).toBe('Час вашої розмови з консультантом змінено');
    expect(movedMail.text).toContain(formatBookingTime(second, 'uk', 'Asia/Kolkata'));
    const movedCalendar = calendarOf(movedMail);
    expect(movedCalendar.get('SEQUENCE')).toBe('1');
    expect(movedCalendar.get('DTSTART')).toBe(icsUtc(second));
    const offered = (await slots()).map((slot) => slot.startsAt);
    expect(offered).toContain(first);
    expect(offered).not.toContain(second);

    expect((await cancel(token)).json().booking.status).toBe('cancelled');
    const cancelMail = await smtp.nextMail();
    expect(cancelMail.subject).toBe('Вашу розмову з консультантом скасовано');
    const cancelCalendar = calendarOf(cancelMail);
    expect(cancelCalendar.get('METHOD')).toBe('CANCEL');
    expect(cancelCalendar.get('STATUS')).toBe('CANCELLED');
    expect(cancelCalendar.get('SEQUENCE')).toBe('2');
    expect(cancelCalendar.get('UID')).toBe(movedCalendar.get('UID'));
    expect((await slots()).map((slot) => slot.startsAt)).toContain(second);

    // The private link still shows it, cancelled; nothing more can be done with it.
    const view = await inject({ method: 'GET', url: '/api/bookings/current', headers: bearer(token) });
    expect(view.json().booking).toMatchObject({ status: 'cancelled', startsAt: second });
    expect((await cancel(token)).json().code).toBe('booking_cancelled');
    expect((await move(token, first)).json().code).toBe('booking_cancelled');
    expect(smtp.pending()).toBe(0);
  });

  it('gives the last place to exactly one of two simultaneous bookings on two instances', async () => {
    for (const startsAt of ['2026-01-20T10:00:00.000Z', '2026-01-20T10:20:00.000Z', '2026-01-20T10:40:00.000Z']) {
      const answers = await Promise.all([book(request(startsAt), server), book(request(startsAt, { language: 'pl' }), other)]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.statusCode === 409)?.json().code).toBe('slot_full');
      const rows = await server.database.db.selectFrom('bookings').select('id').where('starts_at', '=', startsAt).execute();
      expect(rows).toHaveLength(1);
      await smtp.nextMail();
    }
    // And a move into a full slot is refused without changing anything.
    const token = await booked(request('2026-01-20T11:00:00.000Z'));
    const refused = await move(token, '2026-01-20T10:00:00.000Z');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('slot_full');
    expect((await inject({ method: 'GET', url: '/api/bookings/current', headers: bearer(token) })).json().booking.startsAt).toBe('2026-01-20T11:00:00.000Z');
  });

  it('refuses a time that is not a slot, a past slot, one within the notice, and bad input, with typed errors', async () => {
    const refusal = async (payload: CreateBookingRequest | Record<string, unknown>) => {
      const response = await inject({ method: 'POST', url: '/api/bookings', payload: payload as InjectOptions['payload'] });
      return { status: response.statusCode, code: response.json().code };
    };
    expect(await refusal(request('2026-01-19T10:05:00.000Z'))).toEqual({ status: 409, code: 'slot_unavailable' }); // off the grid
    expect(await refusal(request('2026-01-16T10:00:00.000Z'))).toEqual({ status: 409, code: 'slot_unavailable' }); // last Friday
    expect(await refusal(request('2026-01-19T14:00:00.000Z'))).toEqual({ status: 409, code: 'slot_unavailable' }); // after closing
    expect(await refusal(request('2026-01-24T10:00:00.000Z'))).toEqual({ status: 409, code: 'slot_unavailable' }); // Saturday
    server.clock.set('2026-01-19T10:45:00Z');
    expect(await refusal(request('2026-01-19T11:00:00.000Z'))).toEqual({ status: 409, code: 'slot_unavailable' }); // within 30 min
    expect(await refusal(request('2026-01-19T11:20:00.000Z', { timeZone: 'Mars/Olympus_Mons' }))).toEqual({ status: 400, code: 'validation_failed' });
    expect(await refusal({ ...request('2026-01-19T11:20:00.000Z'), email: 'not an address' })).toEqual({ status: 400, code: 'validation_failed' });
    // With mail on the server, not only the form, asks for the address (BOOKINGS_PER_EMAIL counts it).
    const { email: _omitted, ...withoutEmail } = request('2026-01-19T11:20:00.000Z');
    expect(await refusal(withoutEmail)).toEqual({ status: 400, code: 'validation_failed' });
    expect(await refusal({ ...request('2026-01-19T11:20:00.000Z'), email: '   ' })).toEqual({ status: 400, code: 'validation_failed' });
    expect(await refusal({ ...request('2026-01-19T11:20:00.000Z'), privacyAccepted: false })).toEqual({ status: 400, code: 'validation_failed' });
    expect(await refusal(request('2026-01-19T11:20:00.000Z', { topic: 'no_such_topic' }))).toEqual({ status: 400, code: 'validation_failed' });
    const unknown = await inject({ method: 'GET', url: '/api/bookings/current', headers: bearer('A'.repeat(43)) });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'booking_not_found']);
    expect(smtp.pending()).toBe(0);
  });

  it('books a topic the office added in /admin, named in the e-mail as the office names it, and refuses it once switched off', async () => {
    const names = { pl: 'Karta Polaka', en: "Pole's Card", uk: 'Карта поляка', ru: 'Карта поляка (ru)' };
    await server.app.topics.create(server.app.desk.id, 'poles_card', names);
    expect((await book(request('2026-01-22T10:00:00.000Z', { topic: 'poles_card' }))).statusCode).toBe(201);
    const mail = await smtp.nextMail();
    expect(mail.text).toContain('Карта поляка');
    expect(mail.text).not.toContain('topics.');
    expect(calendarOf(mail).get('DESCRIPTION')).toContain('Карта поляка');

    await server.app.topics.update(server.app.desk.id, 'poles_card', { active: false });
    const refused = await book(request('2026-01-22T10:20:00.000Z', { topic: 'poles_card' }));
    expect([refused.statusCode, refused.json().code, refused.json().detail]).toEqual([400, 'validation_failed', 'topic']);
    expect(smtp.pending()).toBe(0);
  });

  it('lets the visitor join from a few minutes before the time, records the booking on the conversation, and shows it on the agenda', async () => {
    const startsAt = '2026-01-21T10:00:00.000Z'; // Wednesday 11:00 in Warsaw
    const token = await booked(request(startsAt));
    const entry = async () => (await agenda('2026-01-21')).json<AgendaResponse>().entries.find((e) => e.startsAt === startsAt);
    expect(await entry()).toMatchObject({ status: 'booked', language: 'uk', callKind: 'video', topic: 'residence_card', conversationId: null });

    server.clock.set('2026-01-21T09:54:00Z');
    expect((await join(token)).json().code).toBe('booking_not_joinable');
    server.clock.set('2026-01-21T09:56:00Z');
    const joined = await join(token);
    expect(joined.statusCode).toBe(200);
    const { token: visitorToken, conversation } = joined.json();
    expect(conversation).toMatchObject({ status: 'waiting', language: 'uk', topic: 'residence_card' });
    const waiting = await entry();
    expect(waiting?.status).toBe('waiting');
    const stored = await server.database.db.selectFrom('conversations').selectAll().where('id', '=', waiting!.conversationId!).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ call_kind: 'video' });
    expect(stored.booking_id).toBeTruthy();

    // The consultant sees it in the queue as a booked video call, and takes it.
    const { socket, welcome } = await connectStaff(server, await staffCookie());
    expect(welcome.conversations.find((c) => c.id === waiting!.conversationId)?.bookedCall).toBe('video');
    await server.app.conversations.take({ kind: 'staff', id: welcome.user.id, name: welcome.user.name, deskId: server.app.desk.id }, waiting!.conversationId!);
    expect((await entry())?.status).toBe('in_progress');
    socket.close();

    // Joining again (another device) resumes the same conversation under a new key; the old key stops working, and says the conversation moved.
    const again = await join(token);
    expect(again.statusCode).toBe(200);
    expect(again.json().token).not.toBe(visitorToken);
    const resumed = await connectVisitor(server, again.json().token);
    expect(resumed.welcome.conversation.status).toBe('active');
    resumed.socket.close();
    const stale = await inject({ method: 'GET', url: '/api/conversations/current/transcript', headers: bearer(visitorToken) });
    expect(stale.json().code).toBe('conversation_moved');

    server.clock.set('2026-01-21T10:20:00Z');
    expect((await join(token)).json().code).toBe('booking_not_joinable');
  });

  it('starts one conversation for two simultaneous first joins; the later key is the one that works', async () => {
    // On PostgreSQL on two instances. Two SQLite instances in one test process would block each
    // other's event loop on the file lock (in production they are separate processes), so there
    // both joins go to one instance: it serializes statements, not the joins' check-then-start.
    const second = target.engine === 'postgres' ? other : server;
    const setClocks = (at: string) => [server, other].forEach((instance) => instance.clock.set(at));
    for (const startsAt of ['2026-01-26T10:00:00.000Z', '2026-01-26T10:20:00.000Z', '2026-01-26T10:40:00.000Z']) {
      setClocks(MONDAY_MORNING);
      const token = await booked(request(startsAt));
      setClocks(new Date(Date.parse(startsAt) - 2 * 60_000).toISOString());
      const joins = await Promise.all([join(token), inject({ method: 'POST', url: '/api/bookings/current/join', headers: bearer(token) }, second)]);
      expect(joins.map((joined) => joined.statusCode)).toEqual([200, 200]);
      const keys = joins.map((joined) => joined.json().token as string);
      const booking = await server.database.db.selectFrom('bookings').select(['id', 'conversation_id']).where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
      const conversations = await server.database.db.selectFrom('conversations').select('id').where('booking_id', '=', booking.id).execute();
      expect(conversations).toEqual([{ id: booking.conversation_id }]);
      // Whichever join came second replaced the first one's key, as any rejoin does.
      const works = await Promise.all(
        keys.map(async (key) => (await inject({ method: 'GET', url: '/api/conversations/current/transcript', headers: bearer(key) })).statusCode === 200),
      );
      expect(works.filter(Boolean)).toHaveLength(1);
    }
  });

  it('stores a booking and its e-mail together or not at all: when the database refuses the mail, the place stays free', async () => {
    const startsAt = '2026-01-28T10:00:00.000Z';
    const config = loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL });
    const bookings = createBookingService(server.database, config, server.clock, {
      schedule: server.app.schedule,
      conversations: server.app.conversations,
      mail: refusingOutbox(server.app.mail),
      topics: server.app.topics,
      staff: server.app.staff,
      office: server.app.office,
      reports: server.app.reports,
      log: server.app.server.log,
    });
    await server.app.mail.settled();
    const rows = async () => ({
      bookings: await server.database.db.selectFrom('bookings').select('id').execute(),
      mails: await server.database.db.selectFrom('mail_outbox').select('id').execute(),
    });
    const before = await rows();
    await expect(bookings.book(server.app.desk, request(startsAt), 'client')).rejects.toThrow();
    expect(await rows()).toEqual(before);
    expect((await slots()).find((slot) => slot.startsAt === startsAt)?.placesLeft).toBe(1);
    expect(smtp.pending()).toBe(0);
  });

  it('lets a booked call start in the last minutes before closing, when walk-in conversations are refused', async () => {
    const startsAt = '2026-01-22T12:40:00.000Z'; // Thursday 13:40–14:00 in Warsaw; last entry 13:50
    const token = await booked(request(startsAt));
    server.clock.set('2026-01-22T12:52:00Z');
    const walkIn = await inject({ method: 'POST', url: '/api/conversations', payload: { language: 'uk', topic: 'work', privacyAccepted: true } });
    expect(walkIn.json().code).toBe('service_closed');
    expect((await join(token)).statusCode).toBe(200);
  });

  it('refuses to start a booked call on a day the office has since closed, and while the desk is paused', async () => {
    const token = await booked(request('2026-01-27T10:00:00.000Z')); // Tuesday
    server.clock.set('2026-01-27T10:02:00Z');
    const deskId = server.app.desk.id;
    await server.app.schedule.setException(deskId, '2026-01-27', 'closed');
    try {
      expect((await join(token)).json().code).toBe('service_closed');
    } finally {
      await server.app.schedule.removeException(deskId, '2026-01-27');
    }
    await server.app.schedule.pause(deskId, { pl: 'Przerwa.', en: 'A break.', uk: 'Перерва.', ru: 'Перерыв.' });
    try {
      expect((await join(token)).json().code).toBe('service_closed');
      expect(await slots()).toEqual([]);
    } finally {
      await server.app.schedule.resume(deskId);
    }
    expect((await join(token)).statusCode).toBe(200);
  });

  it('shows the agenda only to signed-in staff, with missed and cancelled bookings', async () => {
    const missed = await booked(request('2026-01-23T10:00:00.000Z'));
    const cancelled = await booked(request('2026-01-23T10:20:00.000Z'));
    await cancel(cancelled);
    await smtp.nextMail();
    expect(missed).toBeTruthy();
    server.clock.set('2026-01-23T11:00:00Z');
    const day = (await agenda('2026-01-23')).json<AgendaResponse>();
    expect(day.today).toBe('2026-01-23');
    const entries = day.entries;
    expect(entries.map((e) => [e.startsAt.slice(11, 16), e.status])).toEqual([
      ['10:00', 'missed'],
      ['10:20', 'cancelled'],
    ]);
    expect((await inject({ method: 'GET', url: '/api/staff/agenda?date=2026-01-23' })).statusCode).toBe(401);
    expect((await agenda('2026-02-30')).json().code).toBe('validation_failed');
    expect((await agenda('23.01.2026')).statusCode).toBe(400);
  });
});
