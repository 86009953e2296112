/**
 * The closed page in real Chromium, seen from other time zones. The closed state is made
 * deterministic by config, never by the time of day: the service period starts on Monday
 * 7 January 2030, so the next opening is Mon 7 Jan 2030 11:00 in Warsaw (CET, 10:00Z) =
 * 05:00 in New York (EST) = 15:30 in Kolkata (IST) — whatever day the test runs (until 2030).
 * The pause is set and lifted through the admin CLI, as an office would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdminCli } from '../test/support/launcher';
import { axeViolations, describeInChromium, launchBrowser } from './support/browser';
import { startServerProcess, type ServerProcess } from './support/server';

const PAUSE = {
  pl: 'Konsultacje online są wstrzymane do odwołania.',
  en: 'Online consultations are suspended until further notice.',
  uk: 'Онлайн-консультації призупинено до окремого повідомлення.',
  ru: 'Онлайн-консультации приостановлены до особого уведомления.',
};

describeInChromium('the closed page', () => {
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ OFFICE_HOURS: 'mon-fri 11:00-14:00', SERVICE_START: '2030-01-07', LAST_ENTRY_MINUTES: '10', HOLIDAYS: 'pl' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function visit(lang: string, timezoneId: string, locale: string): Promise<Page> {
    const context = await browser.newContext({ timezoneId, locale, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/?lang=${lang}`);
    await page.getByTestId('status-closed').waitFor();
    return page;
  }

  const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

  it('in English from New York: why it is closed, and the opening in office time and at 05:00 local time', async () => {
    const page = await visit('en', 'America/New_York', 'en-US');
    expect(await page.getByTestId('status-closed').getAttribute('data-reason')).toBe('before_service');
    expect(await text(page, 'closed-reason')).toMatch(/start on January 7, 2030/);
    const office = await text(page, 'next-opening-office');
    expect(office).toMatch(/Monday, January 7.*11:00/);
    expect(office).toMatch(/Central European/);
    const local = await text(page, 'next-opening-local');
    expect(local).toMatch(/Monday, January 7.*05:00/);
    expect(local).toMatch(/Eastern/);
    expect(await page.getByTestId('start-button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('in Polish from Kolkata: the opening at 11:00 in Warsaw and 15:30 local time', async () => {
    const page = await visit('pl', 'Asia/Kolkata', 'pl-PL');
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    expect(await text(page, 'closed-reason')).toMatch(/rozpoczną się 7 stycznia 2030/);
    expect(await text(page, 'next-opening-office')).toMatch(/poniedziałek, 7 stycznia.*11:00/);
    expect(await text(page, 'next-opening-local')).toMatch(/poniedziałek, 7 stycznia.*15:30/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows only the office time to a visitor in the office's own time zone", async () => {
    const page = await visit('en', 'Europe/Warsaw', 'en-GB');
    expect(await text(page, 'next-opening-office')).toMatch(/11:00/);
    expect(await page.getByTestId('next-opening-local').count()).toBe(0);
  });

  it("shows the office's pause message in the visitor's language, until the office resumes", async () => {
    await runAdminCli(server.databaseUrl, ['pause', ...Object.entries(PAUSE).flatMap(([lang, message]) => [`--message-${lang}`, message])]);
    try {
      const ukrainian = await visit('uk', 'Asia/Kolkata', 'uk-UA');
      expect(await ukrainian.getByTestId('status-closed').getAttribute('data-reason')).toBe('paused');
      expect(await text(ukrainian, 'pause-message')).toBe(PAUSE.uk);
      expect(await ukrainian.getByTestId('pause-message').getAttribute('lang')).toBe('uk');
      expect(await ukrainian.getByTestId('next-opening').count()).toBe(0);
      expect(await axeViolations(ukrainian)).toEqual([]);

      const english = await visit('en', 'America/New_York', 'en-US');
      expect(await text(english, 'pause-message')).toBe(PAUSE.en);
    } finally {
      await runAdminCli(server.databaseUrl, ['resume']);
    }
    const after = await visit('ru', 'America/New_York', 'ru-RU');
    expect(await after.getByTestId('status-closed').getAttribute('data-reason')).toBe('before_service');
    expect(await after.getByTestId('pause-message').count()).toBe(0);
  });
});
