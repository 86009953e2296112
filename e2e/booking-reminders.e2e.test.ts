/**
 * Booking reminders reach a real SMTP server on loopback from a real server process that sweeps
 * every second: the day-before and hour-before reminders and the follow-up of a call nobody
 * joined, each once; the reminder's link opens the booking in Chromium (axe-clean). The desk is
 * open all day, so slots start soon after now; bookings are made through the API and then dated
 * back in the database ("booked two days ago", a missed call's time moved into the past), since the
 * server runs on the real clock.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/database';
import { hashToken } from '../src/server/tokens';
import type { BookingSlotsResponse, CreateBookingResponse } from '../src/shared/protocol';
import type { ReceivedMail, TestSmtpServer } from '../test/support/smtp';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpMailingDesk } from './support/desk';
import { addStaffUser, type ServerProcess } from './support/server';

const PUBLIC_URL = 'https://konsultant.urzad.example';
const MINUTE = 60_000;
const EMAIL = 'reminded@example.org';

describeInChromium('booking reminders', () => {
  // One address books several calls here; the per-address caps (test/security) are not the subject.
  const desk = setUpMailingDesk({
    PUBLIC_URL,
    BOOKING_MIN_NOTICE_MINUTES: '0',
    BOOKING_DAYS_AHEAD: '2',
    BOOKING_REMINDER_SWEEP_SECONDS: '1',
    BOOKINGS_PER_EMAIL: '1000',
    MAILS_PER_RECIPIENT_PER_DAY: '1000',
  });
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let browser: Browser;
  let database: Database;
  beforeAll(async () => {
    ({ smtp, server, browser } = desk());
    await addStaffUser(server.databaseUrl, { email: 'staff@example.org', name: 'Hanna Kowalczyk', languages: 'en', password: PASSWORD });
    database = openDatabase(server.databaseUrl);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function freeSlots(): Promise<string[]> {
    const response = await fetch(`${server.baseUrl}/api/bookings/slots?language=en`);
    return ((await response.json()) as BookingSlotsResponse).slots.map((slot) => slot.startsAt);
  }

  /** Books the first free slot starting in [from, to) from now; returns its token and start. */
  async function book(fromMinutes: number, toMinutes: number): Promise<{ token: string; startsAt: string }> {
    // Instants as ISO text, which orders as time does.
    const from = new Date(Date.now() + fromMinutes * MINUTE).toISOString();
    const to = new Date(Date.now() + toMinutes * MINUTE).toISOString();
    const startsAt = (await freeSlots()).find((start) => start >= from && start < to);
    if (!startsAt) throw new Error(`no free slot between ${fromMinutes} and ${toMinutes} minutes from now`);
    const response = await fetch(`${server.baseUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en', topic: 'residence_card', callKind: 'video', startsAt, email: EMAIL, timeZone: 'Europe/Warsaw', privacyAccepted: true }),
    });
    expect(response.status).toBe(201);
    await smtp.nextMail(); // the confirmation
    return { token: ((await response.json()) as CreateBookingResponse).token, startsAt };
  }

  /** The booking as if made two days ago (and, for a missed call, its slot moved `startsAt` into the past). */
  async function dateBack(token: string, past?: { startsAt: Date; endsAt: Date }): Promise<void> {
    await database.db
      .updateTable('bookings')
      .set({
        updated_at: new Date(Date.now() - 2 * 24 * 60 * MINUTE).toISOString(),
        ...(past && { starts_at: past.startsAt.toISOString(), ends_at: past.endsAt.toISOString() }),
      })
      .where('token_hash', '=', hashToken(token))
      .execute();
  }

  it('sends the day-before and hour-before reminders and the missed-call follow-up once each; the link opens the booking', async () => {
    const soon = await book(10, 60);
    const later = await book(180, 600);
    const missed = await book(60, 180);
    await dateBack(soon.token);
    await dateBack(later.token);
    await dateBack(missed.token, { startsAt: new Date(Date.now() - 40 * MINUTE), endsAt: new Date(Date.now() - 20 * MINUTE) });

    const mails = new Map<string, ReceivedMail>();
    for (let n = 0; n < 3; n += 1) {
      const mail = await smtp.nextMail(30_000);
      mails.set(mail.subject, mail);
    }
    expect([...mails.keys()].sort()).toEqual([
      'Reminder: your consultation call is tomorrow',
      'Reminder: your consultation call starts in an hour',
      'Your consultation call did not take place',
    ]);
    for (const mail of mails.values()) {
      expect(mail.to).toEqual([EMAIL]);
      expect(mail.language).toBe('en');
    }
    expect(mails.get('Your consultation call did not take place')!.text).toContain(`${PUBLIC_URL}/?lang=en`);

    // One more booking's reminder is a barrier: the sweeps that sent it sent nothing twice.
    const barrier = await book(10, 60);
    await dateBack(barrier.token);
    expect((await smtp.nextMail(30_000)).subject).toBe('Reminder: your consultation call starts in an hour');
    expect(smtp.pending()).toBe(0);

    const hour = mails.get('Reminder: your consultation call starts in an hour')!;
    const link = new RegExp(`${PUBLIC_URL}(/booking\\?lang=en#[A-Za-z0-9_-]{43})`).exec(hour.text)?.[1];
    expect(link).toBeDefined();
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${link}`);
    await page.getByTestId('booking-view').waitFor();
    expect(await page.getByTestId('booking-view').innerText()).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(soon.startsAt)));
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
