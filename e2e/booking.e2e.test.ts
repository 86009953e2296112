/**
 * Booking a call in real Chromium from New York, on a desk that is closed now: the weekly hours
 * are only tomorrow's weekday (in Warsaw), so today has none and tomorrow's 11:00–14:00 is always
 * ahead, whatever time the test runs. A real SMTP server on loopback receives the e-mails. The
 * visitor books in Ukrainian, sees both times, opens the private link, moves and cancels the call;
 * the console's agenda shows the bookings.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestSmtpServer } from '../test/support/smtp';
import { axeViolations, describeInChromium, launchBrowser } from './support/browser';
import { PASSWORD, setUpMailingDesk } from './support/desk';
import { addStaffUser, startServerProcess, type ServerProcess } from './support/server';

const OFFICE = 'Europe/Warsaw';
const VISITOR_ZONE = 'America/New_York';
const STAFF_EMAIL = 'hanna@example.org';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Tomorrow in the office's calendar: its weekday ("tue") and date (YYYY-MM-DD). */
function tomorrowInOffice(): { weekday: string; date: string } {
  const noon = new Date(Date.now() + 24 * 3600_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(noon);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return { weekday: WEEKDAYS[(weekday + 6) % 7]!, date };
}

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('uk', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describeInChromium('booking a call', () => {
  const tomorrow = tomorrowInOffice();
  // The reminders have their own test (booking-reminders.e2e.test.ts): none may come between the mails this one reads.
  const desk = setUpMailingDesk({
    OFFICE_HOURS: `${tomorrow.weekday} 11:00-14:00`,
    BOOKING_DAYS_AHEAD: '3',
    PUBLIC_URL: 'http://konsultant.test',
    BOOKING_REMINDER_SWEEP_SECONDS: '3600',
  });
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    ({ smtp, server, browser } = desk());
    await addStaffUser(server.databaseUrl, { email: STAFF_EMAIL, name: 'Hanna Kowalczyk', languages: 'pl,uk', password: PASSWORD });
  });

  async function visitorPage(): Promise<Page> {
    const context = await browser.newContext({ timezoneId: VISITOR_ZONE, locale: 'uk-UA', viewport: { width: 360, height: 800 }, bypassCSP: true });
    return context.newPage();
  }

  /** Picks tomorrow and the n-th time of the day in the visible slot picker; returns its instant. */
  async function pickSlot(page: Page, index: number): Promise<string> {
    await page.getByTestId('booking-days').getByRole('radio').first().check();
    const slot = page.getByTestId('booking-slot').nth(index);
    await slot.getByRole('radio').check();
    return (await slot.getByRole('radio').getAttribute('value'))!;
  }

  let privateLink = '';

  it('books a video call in Ukrainian from New York, with each time in the office’s and the visitor’s zone', async () => {
    const page = await visitorPage();
    await page.goto(`${server.baseUrl}/?lang=uk`);
    await page.getByTestId('status-closed').waitFor();
    await page.getByTestId('booking-open').click();
    await page.getByTestId('booking-form').waitFor();
    expect(await page.getByTestId('booking-language').inputValue()).toBe('uk');
    await page.getByTestId('booking-kind-video').check();
    await page.getByTestId('booking-topic').selectOption('residence_card');

    // Submitting without a time or an address says what is missing, and nothing is booked.
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-time-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('booking-day');
    expect(smtp.pending()).toBe(0);

    const startsAt = await pickSlot(page, 0);
    expect(clock(startsAt, OFFICE)).toBe('11:00');
    const label = await page.getByTestId('booking-slot').first().innerText();
    expect(label).toContain('11:00');
    expect(label).toContain(clock(startsAt, VISITOR_ZONE)); // 05:00 (or 06:00 in the weeks the US and EU change clocks apart)
    await page.getByTestId('booking-email').fill('olena@example.org');
    await page.getByTestId('booking-accept').check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('booking-submit').click();

    await page.getByTestId('booking-done').waitFor();
    expect(await page.getByTestId('booking-office-time').innerText()).toContain('11:00');
    expect(await page.getByTestId('booking-own-time').innerText()).toContain(clock(startsAt, VISITOR_ZONE));
    expect(await axeViolations(page)).toEqual([]);

    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['olena@example.org']);
    expect(mail.language).toBe('uk');
    expect(mail.text).toContain('11:00 (Europe/Warsaw)');
    expect(mail.text).toContain(`${clock(startsAt, VISITOR_ZONE)} (America/New_York)`);
    const token = /http:\/\/konsultant\.test\/booking\?lang=uk#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const shownLink = await page.getByTestId('booking-link').getAttribute('href');
    expect(shownLink).toBe(`/booking?lang=uk#${token}`);
    privateLink = shownLink!;
  });

  it('opens the private link, moves the call to another time, then cancels it', async () => {
    const page = await visitorPage();
    await page.goto(`${server.baseUrl}${privateLink}`);
    await page.getByTestId('booking-view').waitFor();
    expect(await page.getByTestId('booking-view').getAttribute('data-status')).toBe('booked');
    expect(await page.getByTestId('booking-office-time').innerText()).toContain('11:00');
    expect(await page.getByTestId('booking-join-later').count()).toBe(1); // not yet time to join
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('booking-move').click();
    await page.getByTestId('booking-move-form').waitFor();
    const newTime = await pickSlot(page, 1); // the current 11:00 is not offered: the first is 11:20
    expect(clock(newTime, OFFICE)).toBe('11:40');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('booking-move-submit').click();
    await page.getByTestId('booking-move-form').waitFor({ state: 'detached' });
    expect(await page.getByTestId('booking-office-time').innerText()).toContain('11:40');
    expect(await page.getByTestId('booking-own-time').innerText()).toContain(clock(newTime, VISITOR_ZONE));
    expect(await page.getByTestId('announcer').innerText()).toMatch(/перенесено/);
    const moved = await smtp.nextMail();
    expect(moved.text).toContain('11:40 (Europe/Warsaw)');

    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm').click();
    await page.locator('[data-testid="booking-view"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('booking-status').innerText()).toBe('Скасовано');
    expect(await page.getByTestId('booking-move').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const cancelled = await smtp.nextMail();
    const calendar = cancelled.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!;
    expect(calendar.content.toString('utf8')).toContain('METHOD:CANCEL');
  });

  it('shows the bookings on the console’s agenda', async () => {
    // A second visitor books 12:00 in Polish through the API.
    const slots = await (await fetch(`${server.baseUrl}/api/bookings/slots?language=pl`)).json();
    const noon = slots.slots.find((slot: { startsAt: string }) => clock(slot.startsAt, OFFICE) === '12:00');
    const response = await fetch(`${server.baseUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'pl', topic: 'work', callKind: 'voice', startsAt: noon.startsAt, email: 'jan@example.org', timeZone: OFFICE, privacyAccepted: true }),
    });
    expect(response.status).toBe(201);
    await smtp.nextMail();

    const context = await browser.newContext({ locale: 'pl-PL', timezoneId: OFFICE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/console/?lang=pl`);
    await page.getByTestId('login-email').fill(STAFF_EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    await page.getByTestId('view-agenda').click();
    await page.getByTestId('agenda-heading').waitFor();
    await page.getByTestId('agenda-next').click(); // tomorrow
    await page.getByTestId('agenda-table').waitFor();
    const rows = page.getByTestId('agenda-entry');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/11:40–12:00/);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('cancelled');
    expect(await rows.nth(1).innerText()).toMatch(/12:00–12:20/);
    expect(await rows.nth(1).getAttribute('data-status')).toBe('booked');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('offers a topic the office added in /admin under its name, and names it on the private page', async () => {
    await addStaffUser(server.databaseUrl, { email: 'admin@example.org', name: 'Admin', role: 'admin', password: PASSWORD });
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const names = { pl: 'Karta Polaka', en: "Pole's Card", uk: 'Карта поляка', ru: 'Карта поляка' };
    const created = await fetch(`${server.baseUrl}/api/admin/topics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ id: 'poles_card', names }),
    });
    expect(created.status).toBe(201);

    const page = await visitorPage();
    await page.goto(`${server.baseUrl}/?lang=uk`);
    await page.getByTestId('booking-open').click();
    await page.getByTestId('booking-form').waitFor();
    const topics = page.getByTestId('booking-topic').locator('option');
    expect((await topics.allInnerTexts()).at(-1)).toBe('Карта поляка');
    await page.getByTestId('booking-topic').selectOption('poles_card');
    await page.getByTestId('booking-days').getByRole('radio').first().check();
    await page.getByTestId('booking-slot').last().getByRole('radio').check();
    await page.getByTestId('booking-email').fill('piotr@example.org');
    await page.getByTestId('booking-accept').check();
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-done').waitFor();
    expect((await smtp.nextMail()).text).toContain('Карта поляка');

    await page.getByTestId('booking-link').click();
    await page.getByTestId('booking-view').waitFor();
    expect(await page.getByTestId('booking-view').innerText()).toContain('Карта поляка');
  });
});

/**
 * The call's time has come: open every day and 5-minute slots with no notice, so the first slot
 * offered starts within 5 minutes and may be joined at once, whenever the test runs.
 */
describeInChromium('starting a booked call from the agenda', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ BOOKING_SLOT_MINUTES: '5', BOOKING_MIN_NOTICE_MINUTES: '0', BOOKING_DAYS_AHEAD: '1' });
    await addStaffUser(server.databaseUrl, { email: STAFF_EMAIL, name: 'Hanna Kowalczyk', languages: 'pl,uk', password: PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function post(path: string, body: unknown, token?: string) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('shows the visitor waiting and lands the consultant in the conversation on "Start"', async () => {
    const { slots } = await (await fetch(`${server.baseUrl}/api/bookings/slots?language=uk`)).json();
    const booking = await post('/api/bookings', {
      language: 'uk',
      topic: 'work',
      callKind: 'video',
      startsAt: slots[0].startsAt,
      email: 'olena@example.org',
      timeZone: VISITOR_ZONE,
      privacyAccepted: true,
    });
    expect(booking.status).toBe(201);
    expect((await post('/api/bookings/current/join', {}, booking.body.token)).status).toBe(200);

    const page = await (await browser.newContext({ locale: 'en-GB', timezoneId: OFFICE, bypassCSP: true })).newPage();
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('login-email').fill(STAFF_EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    // The queue says it is a booked video call.
    expect(await page.getByTestId('queue-item').getByTestId('booked-call').innerText()).toMatch(/Video/);
    await page.getByTestId('view-agenda').click();
    const entry = page.locator('[data-testid="agenda-entry"][data-status="waiting"]');
    await entry.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await entry.getByTestId('agenda-start').click();
    await page.getByTestId('message-input').waitFor();
    expect(await page.getByTestId('my-conversation').count()).toBe(1);
    await page.getByTestId('view-agenda').click();
    await page.locator('[data-testid="agenda-entry"][data-status="in_progress"]').waitFor();
  });
});
