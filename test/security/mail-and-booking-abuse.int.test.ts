/**
 * Finding 6: one client could move a booking 30 times (31 e-mails to any address) and book every
 * slot. Now a booking moves at most BOOKING_MOVES_MAX times, an e-mail address and a client
 * network hold at most BOOKINGS_PER_EMAIL / BOOKINGS_PER_IP live bookings, and one address gets at
 * most MAILS_PER_RECIPIENT_PER_DAY mails a day — all counted in the database, so two instances
 * share them; each refusal has its code and a message in every visitor language.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/server/i18n';
import { UI_LANGUAGES } from '../../src/shared/languages';
import type { BookingSlotsResponse, CreateBookingRequest, CreateBookingResponse } from '../../src/shared/protocol';
import { signedInStaff, twoInstancesForSuite, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';

/** Monday 19 January 2026, 09:00 in Warsaw; the desk opens at 11:00. */
const MONDAY_MORNING = '2026-01-19T08:00:00Z';

describe.each(databaseTargets)('mail and booking limits on $engine', (target) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const instances = twoInstancesForSuite(target, () => ({
    SMTP_URL: smtp.url,
    CONVERSATIONS_PER_MINUTE: '1000',
    BOOKING_SLOTS_PER_PERIOD: '20',
    BOOKING_MOVES_MAX: '2',
    BOOKINGS_PER_EMAIL: '2',
    BOOKINGS_PER_IP: '3',
    MAILS_PER_RECIPIENT_PER_DAY: '4',
  }));
  let slots: string[];
  beforeAll(async () => {
    const [first] = instances();
    first.clock.set(MONDAY_MORNING);
    for (let n = 0; n < 3; n++) await signedInStaff(first, { languages: ['uk', 'pl'] });
  });
  beforeEach(async () => {
    for (const instance of instances()) instance.clock.set(MONDAY_MORNING);
    const response = await instances()[0].app.server.inject({ method: 'GET', url: '/api/bookings/slots?language=uk' });
    slots = response.json<BookingSlotsResponse>().slots.map((slot) => slot.startsAt);
  });

  const inject = (on: TestServer, options: InjectOptions) => on.app.server.inject(options);
  const request = (startsAt: string, email: string): CreateBookingRequest => ({
    language: 'uk',
    topic: 'residence_card',
    callKind: 'video',
    startsAt,
    email,
    timeZone: 'Europe/Kyiv',
    privacyAccepted: true,
  });
  const book = (on: TestServer, startsAt: string, email: string, remoteAddress: string) =>
    inject(on, { method: 'POST', url: '/api/bookings', payload: request(startsAt, email), remoteAddress });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const move = (on: TestServer, token: string, startsAt: string) =>
    inject(on, { method: 'POST', url: '/api/bookings/current/move', headers: bearer(token), payload: { startsAt, timeZone: 'Europe/Kyiv' } });
  const cancel = (on: TestServer, token: string) => inject(on, { method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(token) });
  const tokenOf = (response: { statusCode: number; json<T>(): T; body: string }) => {
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CreateBookingResponse>().token;
  };
  /** Takes the mails the server sent so far (each with its recipient). */
  const mailsTo = async (count: number) => {
    const recipients: string[] = [];
    for (let n = 0; n < count; n++) recipients.push(...(await smtp.nextMail()).to);
    return recipients;
  };

  it('lets a booking move BOOKING_MOVES_MAX times on any instance, then refuses with booking_change_limit; cancelling still works', async () => {
    const [first, second] = instances();
    const token = tokenOf(await book(first, slots[0]!, 'moves@example.org', '198.51.100.1'));
    expect((await move(second, token, slots[1]!)).statusCode).toBe(200);
    expect((await move(first, token, slots[2]!)).statusCode).toBe(200);
    const third = await move(second, token, slots[3]!);
    expect([third.statusCode, third.json().code]).toEqual([429, 'booking_change_limit']);
    expect((await cancel(first, token)).json().booking.status).toBe('cancelled');
    expect(await mailsTo(4)).toEqual(Array(4).fill('moves@example.org')); // booked, moved twice, cancelled
    expect(smtp.pending()).toBe(0);
  });

  it('refuses a live booking beyond BOOKINGS_PER_EMAIL for one address, whatever its case and instance, until one is cancelled', async () => {
    const [first, second] = instances();
    const one = tokenOf(await book(first, slots[4]!, 'olena@example.org', '198.51.100.2'));
    tokenOf(await book(second, slots[5]!, 'Olena@Example.org', '198.51.100.3'));
    const third = await book(first, slots[6]!, 'OLENA@example.org', '198.51.100.4');
    expect([third.statusCode, third.json().code]).toEqual([429, 'booking_limit_reached']);
    expect(await first.database.db.selectFrom('bookings').select('id').where('email_key', '=', 'olena@example.org').execute()).toHaveLength(2);
    await cancel(second, one);
    tokenOf(await book(second, slots[6]!, 'olena@example.org', '198.51.100.4'));
    await mailsTo(4);
  });

  it('lets exactly BOOKINGS_PER_EMAIL of simultaneous bookings by one address through, split over two instances', async () => {
    const [first, second] = instances();
    const responses = await Promise.all(
      [20, 21, 22, 23, 24, 25].map((n, i) => book(i % 2 ? second : first, slots[n]!, 'race@example.org', `198.51.100.${40 + i}`)),
    );
    const codes = responses.map((response) => response.json().code ?? response.statusCode);
    expect(codes.filter((code) => code === 201)).toHaveLength(2);
    expect(codes.filter((code) => code === 'booking_limit_reached')).toHaveLength(4);
    await mailsTo(2);
  });

  it('refuses a live booking beyond BOOKINGS_PER_IP from one client network, IPv6 counted by its /64', async () => {
    const [first, second] = instances();
    const codes = [];
    for (const [n, address] of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::1', '2001:db8:1:2::c'].entries()) {
      const response = await book(n % 2 ? second : first, slots[7 + n]!, `visitor${n}@example.org`, address);
      codes.push(response.json().code ?? response.statusCode);
    }
    expect(codes).toEqual([201, 201, 201, 'booking_limit_reached']);
    expect((await book(first, slots[11]!, 'visitor9@example.org', '2001:db8:1:3::a')).statusCode).toBe(201);
    await mailsTo(4);
  });

  it('sends one address at most MAILS_PER_RECIPIENT_PER_DAY mails a day across instances; beyond, the change is not made', async () => {
    const [first, second] = instances();
    const email = 'inbox-flood@example.org';
    const token = tokenOf(await book(first, slots[12]!, email, '198.51.100.20'));
    await move(second, token, slots[13]!);
    await move(first, token, slots[14]!);
    await cancel(second, token); // the fourth mail today
    const fifth = await book(first, slots[15]!, email, '198.51.100.21');
    expect([fifth.statusCode, fifth.json().code]).toEqual([429, 'mail_limit_reached']);
    expect(await first.database.db.selectFrom('bookings').select('id').where('email_key', '=', email).where('status', '=', 'booked').execute()).toEqual([]);
    expect(await mailsTo(4)).toEqual(Array(4).fill(email));

    for (const instance of instances()) instance.clock.set('2026-01-20T08:00:00Z'); // the next day counts afresh
    const next = await book(second, slots.find((slot) => slot > '2026-01-20T10:00')!, email, '198.51.100.21');
    expect(next.statusCode).toBe(201);
    expect(await mailsTo(1)).toEqual([email]);
  });

  it('at the daily cap still lets a visitor cancel and staff answer a left message, without their mails', async () => {
    const [first, second] = instances();
    const email = 'capped@example.org';
    const left = await inject(first, {
      method: 'POST',
      url: '/api/left-messages',
      payload: { language: 'uk', topic: 'residence_card', body: 'Where is my card?', email, consent: true },
    });
    expect(left.statusCode, left.body).toBe(201);
    const one = tokenOf(await book(second, slots[16]!, email, '198.51.100.30'));
    const two = tokenOf(await book(first, slots[17]!, email, '198.51.100.31'));
    expect((await move(second, one, slots[18]!)).statusCode).toBe(200); // the fourth mail today
    expect(await mailsTo(4)).toEqual(Array(4).fill(email));

    const cancelled = await cancel(first, two);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().booking.status).toBe('cancelled');
    const { cookie } = await signedInStaff(second, { languages: ['uk'] });
    const { id } = await second.database.db.selectFrom('left_messages').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const answered = await inject(second, { method: 'POST', url: `/api/inbox/${id}/answer`, headers: { cookie }, payload: { answer: 'Room 12.' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await second.database.db.selectFrom('left_messages').select('answer').where('id', '=', id).executeTakeFirstOrThrow()).answer).toBe('Room 12.');
    expect(await second.database.db.selectFrom('mail_outbox').select('id').where('recipient', '=', email).execute()).toEqual([]);
    await Promise.all(instances().map((instance) => instance.app.mail.settled()));
    expect(smtp.pending()).toBe(0);
  });

  it('words each refusal in every visitor language', () => {
    for (const code of ['booking_change_limit', 'booking_limit_reached', 'mail_limit_reached'] as const) {
      const english = translator('en')(`errors.${code}`);
      for (const language of UI_LANGUAGES.filter((language) => language !== 'en')) {
        expect(translator(language)(`errors.${code}`), `${language} ${code}`).not.toBe(english);
      }
    }
  });
});
