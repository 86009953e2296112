/**
 * Booking reminders on a real database with a real SMTP server on loopback: the day-before and
 * hour-before reminders with a working join link, and the follow-up of a call nobody joined, each
 * sent exactly once while two instances on one database sweep at the same moments; none for a
 * cancelled booking, the moved time's own; nothing claimed or queued by an instance without SMTP.
 * On SQLite and PostgreSQL.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBookingTime } from '../../../src/server/bookings/mail';
import { BookingRepository } from '../../../src/server/bookings/repository';
import { createBookingService } from '../../../src/server/bookings/service';
import { loadConfig } from '../../../src/server/config';
import { refusingOutbox } from '../mail/refusing-outbox';
import type { BookingSlotsResponse, CreateBookingRequest, CreateBookingResponse } from '../../../src/shared/protocol';
import { signedInStaff, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../support/smtp';

const PUBLIC_URL = 'https://konsultant.urzad.example';
/** Monday 19 January 2026, 09:00 in Warsaw; the desk opens at 11:00 (10:00 UTC). */
const MONDAY_MORNING = '2026-01-19T08:00:00Z';
const EMAIL = 'olena.kovalenko@example.org';
/** Tuesday 11:00 in Warsaw, 05:00 in New York. */
const TUESDAY = '2026-01-20T10:00:00.000Z';

describe.each(databaseTargets)('booking reminders on $engine', (target) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let other: TestServer;
  let mailless: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await target.create();
    drop = database.drop;
    // The booking abuse limits (test/security) are lifted: these tests book several slots for one address.
    const env = { PUBLIC_URL, CONVERSATIONS_PER_MINUTE: '1000', BOOKINGS_PER_EMAIL: '1000', MAILS_PER_RECIPIENT_PER_DAY: '1000' };
    server = await startServer(database.url, { ...env, SMTP_URL: smtp.url });
    other = await startServer(database.url, { ...env, SMTP_URL: smtp.url }); // a second instance on the same database
    mailless = await startServer(database.url, env); // and one without a mail server
    await signedInStaff(server, { languages: ['uk', 'pl'] });
    setClock(MONDAY_MORNING);
  });
  afterAll(async () => {
    for (const instance of [mailless, other, server]) await instance?.close();
    await drop?.();
    await smtp?.close();
  });

  function setClock(iso: string): void {
    for (const instance of [server, other, mailless]) instance.clock.set(iso);
  }
  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
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
  async function book(startsAt: string, overrides: Partial<CreateBookingRequest> = {}): Promise<string> {
    const response = await inject({ method: 'POST', url: '/api/bookings', payload: request(startsAt, overrides) });
    expect(response.statusCode).toBe(201);
    await smtp.nextMail(); // the confirmation
    await server.app.mail.settled(); // and it has left the outbox
    return response.json<CreateBookingResponse>().token;
  }
  /**
   * Every instance sweeps twice, at the same moment on PostgreSQL, in turn on SQLite (one process
   * holding two connections to one file would wait on itself), and every mail started has been sent.
   */
  async function sweepEverywhere(): Promise<void> {
    const sweeps = [server, other, mailless].map((instance) => () => instance.app.bookings.sendReminders(instance.app.desk));
    for (let round = 0; round < 2; round += 1) {
      if (target.engine === 'postgres') await Promise.all(sweeps.map((sweep) => sweep()));
      else for (const sweep of sweeps) await sweep();
    }
    await Promise.all([server, other].map((instance) => instance.app.mail.settled()));
  }
  async function onlyMail(): Promise<ReceivedMail> {
    const mail = await smtp.nextMail();
    expect(smtp.pending()).toBe(0);
    const outbox = await server.database.db.selectFrom('mail_outbox').select('id').execute();
    expect(outbox).toEqual([]);
    return mail;
  }
  const linkToken = (mail: ReceivedMail) => new RegExp(`${PUBLIC_URL}/booking\\?lang=uk#([A-Za-z0-9_-]{43})`).exec(mail.text)?.[1];

  it('reminds the day before and the hour before, once each across instances, with a link that opens the booking', async () => {
    const token = await book(TUESDAY);
    // The day before in New York, 05:00 EST: Monday 10:00 UTC. A second earlier nothing is due.
    setClock('2026-01-19T09:59:59Z');
    await sweepEverywhere();
    expect(smtp.pending()).toBe(0);

    setClock('2026-01-19T10:00:00Z');
    await sweepEverywhere();
    const day = await onlyMail();
    expect(day.to).toEqual([EMAIL]);
    expect(day.language).toBe('uk');
    expect(day.subject).toBe('Нагадування: завтра розмова з консультантом');
    expect(day.text).toContain(formatBookingTime(TUESDAY, 'uk', 'Europe/Warsaw'));
    expect(day.text).toContain(formatBookingTime(TUESDAY, 'uk', 'America/New_York'));
    expect(day.attachments).toEqual([]); // the calendar has the event already
    expect(day.text).toContain(await server.app.office.name(server.app.desk.id, 'uk')); // signed as the office names itself
    const dayToken = linkToken(day);
    expect(dayToken).toBeDefined();
    expect(dayToken).not.toBe(token);
    const opened = await inject({ method: 'GET', url: '/api/bookings/current', headers: bearer(dayToken!) });
    expect(opened.json().booking).toMatchObject({ status: 'booked', startsAt: TUESDAY });

    setClock('2026-01-20T09:00:00Z');
    await sweepEverywhere();
    const hour = await onlyMail();
    expect(hour.subject).toBe('Нагадування: розмова з консультантом за годину');
    // Both reminders' links and the first one work, and join the call at its time.
    const hourToken = linkToken(hour)!;
    setClock('2026-01-20T09:56:00Z');
    const joined = await inject({ method: 'POST', url: '/api/bookings/current/join', headers: bearer(hourToken) });
    expect(joined.statusCode).toBe(200);
    // The visitor came: no follow-up after the call.
    setClock('2026-01-20T10:30:00Z');
    await sweepEverywhere();
    expect(smtp.pending()).toBe(0);
  });

  it('follows up a call nobody joined once, with the next free time and the way to book another', async () => {
    setClock(MONDAY_MORNING);
    const startsAt = '2026-01-20T10:20:00.000Z';
    await book(startsAt, { language: 'pl', timeZone: 'Europe/Warsaw' });
    setClock('2026-01-19T10:20:00Z');
    await sweepEverywhere();
    expect((await onlyMail()).subject).toBe('Przypomnienie: jutro rozmowa z konsultantem');
    setClock('2026-01-20T09:20:00Z');
    await sweepEverywhere();
    expect((await onlyMail()).subject).toBe('Przypomnienie: rozmowa z konsultantem za godzinę');

    setClock('2026-01-20T10:40:00Z'); // the slot ended, nobody joined
    await sweepEverywhere();
    const [nextFree] = (await inject({ method: 'GET', url: '/api/bookings/slots?language=pl' })).json<BookingSlotsResponse>().slots;
    const missed = await onlyMail();
    expect(missed.language).toBe('pl');
    expect(missed.subject).toBe('Rozmowa z konsultantem się nie odbyła');
    expect(missed.text).toContain(`${PUBLIC_URL}/?lang=pl`);
    expect(missed.text).toContain('Najbliższy wolny termin');
    expect(missed.text).toContain(formatBookingTime(nextFree!.startsAt, 'pl', 'Europe/Warsaw'));
    setClock('2026-01-20T12:00:00Z');
    await sweepEverywhere();
    expect(smtp.pending()).toBe(0);
  });

  it('reminds nobody of a cancelled booking, and a moved one of its new time only', async () => {
    setClock(MONDAY_MORNING);
    const cancelled = await book('2026-01-21T10:00:00.000Z');
    expect((await inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(cancelled) })).statusCode).toBe(200);
    await smtp.nextMail(); // the cancellation
    const moved = await book('2026-01-21T10:20:00.000Z');

    // Tuesday 10:00 UTC: the first one's day reminder would be due; Tuesday 10:20 the second's.
    setClock('2026-01-20T10:20:00Z');
    await sweepEverywhere();
    const before = await onlyMail();
    expect(before.text).toContain(formatBookingTime('2026-01-21T10:20:00.000Z', 'uk', 'Europe/Warsaw'));
    // Moved to Thursday after its reminder went: Thursday's time gets its own day-before reminder.
    const response = await inject({
      method: 'POST',
      url: '/api/bookings/current/move',
      headers: bearer(moved),
      payload: { startsAt: '2026-01-22T10:20:00.000Z', timeZone: 'America/New_York' },
    });
    expect(response.statusCode).toBe(200);
    await smtp.nextMail(); // the move
    setClock('2026-01-21T10:20:00Z');
    await sweepEverywhere();
    expect((await onlyMail()).text).toContain(formatBookingTime('2026-01-22T10:20:00.000Z', 'uk', 'Europe/Warsaw'));
  });

  it('claims no reminder for a booking moved or cancelled after a sweep read it', async () => {
    setClock(MONDAY_MORNING);
    const repository = new BookingRepository(server.database.db);
    const read = async (startsAt: string) =>
      server.database.db.selectFrom('bookings').selectAll().where('starts_at', '=', startsAt).where('status', '=', 'booked').executeTakeFirstOrThrow();
    const moved = await book('2026-01-21T11:00:00.000Z');
    const cancelled = await book('2026-01-21T11:20:00.000Z');
    const staleMoved = await read('2026-01-21T11:00:00.000Z');
    const staleCancelled = await read('2026-01-21T11:20:00.000Z');
    const moveResponse = await inject({ method: 'POST', url: '/api/bookings/current/move', headers: bearer(moved), payload: { startsAt: '2026-01-21T11:40:00.000Z', timeZone: 'America/New_York' } });
    expect(moveResponse.statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(cancelled) })).statusCode).toBe(200);
    await smtp.nextMail();
    await smtp.nextMail();
    let stored = 0;
    for (const stale of [staleMoved, staleCancelled]) {
      expect(await repository.claimReminder(stale, 'day', new Date('2026-01-20T11:00:00Z'), async () => void (stored += 1))).toBe(false);
    }
    expect(stored).toBe(0);
  });

  it('claims and queues nothing on an instance without a mail server', async () => {
    setClock(MONDAY_MORNING);
    await book('2026-01-20T11:00:00.000Z');
    setClock('2026-01-19T11:00:00Z');
    const links = async () => (await server.database.db.selectFrom('booking_links').select('token_hash').execute()).length;
    const linksBefore = await links();
    await mailless.app.bookings.sendReminders(mailless.app.desk);
    const row = await server.database.db
      .selectFrom('bookings')
      .select(['reminded_day_at'])
      .where('starts_at', '=', '2026-01-20T11:00:00.000Z')
      .executeTakeFirstOrThrow();
    expect(row.reminded_day_at).toBeNull();
    expect(await server.database.db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
    expect(await links()).toBe(linksBefore);
    // An instance with one sends it.
    await sweepEverywhere();
    expect((await onlyMail()).subject).toBe('Нагадування: завтра розмова з консультантом');
  });

  it('sends the others’ reminders when one booking’s fails, and makes none (no link) for a booking without an address', async () => {
    setClock(MONDAY_MORNING);
    await book('2026-01-23T10:00:00.000Z', { email: 'broken@example.org' }); // Friday, first in the sweep
    await book('2026-01-23T10:20:00.000Z');
    const addressless = await mailless.app.server.inject({ method: 'POST', url: '/api/bookings', payload: request('2026-01-23T10:40:00.000Z') });
    expect(addressless.statusCode, addressless.body).toBe(201);
    const bookings = createBookingService(server.database, loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL }), server.clock, {
      schedule: server.app.schedule,
      conversations: server.app.conversations,
      mail: refusingOutbox(server.app.mail, (outgoing) => outgoing.mail.to === 'broken@example.org'),
      topics: server.app.topics,
      staff: server.app.staff,
      office: server.app.office,
      reports: server.app.reports,
      log: server.app.server.log,
    });
    const links = async () => (await server.database.db.selectFrom('booking_links').select('token_hash').execute()).length;
    const linksBefore = await links();

    setClock('2026-01-22T10:40:00Z'); // every one's day-before reminder is due
    await bookings.sendReminders(server.app.desk);
    await server.app.mail.settled();
    // Earlier tests' bookings may have their follow-ups due too: only Friday's reminders count here.
    const sent = await Promise.all(Array.from({ length: smtp.pending() }, () => smtp.nextMail()));
    const friday = (startsAt: string) => sent.filter((mail) => mail.text.includes(formatBookingTime(startsAt, 'uk', 'Europe/Warsaw')));
    expect(friday('2026-01-23T10:20:00.000Z').map((mail) => mail.to)).toEqual([[EMAIL]]);
    expect(friday('2026-01-23T10:00:00.000Z')).toEqual([]);
    const reminded = await server.database.db.selectFrom('bookings').select(['email', 'reminded_day_at']).where('starts_at', 'like', '2026-01-23%').orderBy('starts_at').execute();
    expect(reminded.map((row) => [row.email, row.reminded_day_at !== null])).toEqual([['broken@example.org', false], [EMAIL, true], ['', false]]);
    expect(await links()).toBe(linksBefore + 1);
  });
});
