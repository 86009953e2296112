/**
 * The consultant's screen in real Chromium: at 1280×720 a long conversation keeps a one-row bar,
 * the messages scrolling inside, the composer, the visitor's context and the notes on screen, and
 * a call's panel beside the chat; at 640 and 320 CSS px (200 % and 400 % zoom) the desk, a
 * conversation and supervision reflow without sideways scrolling; the agenda shows tomorrow and a
 * picked day; canned answers explain themselves while there are none. axe-core clean.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STAFF_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

const OFFICE = 'Europe/Warsaw';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const box = (locator: Locator): Promise<Box> =>
  locator.evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });

async function withinViewport(page: Page, locator: Locator) {
  const { top, bottom } = await box(locator);
  const height = await page.evaluate(() => innerHeight);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(bottom).toBeLessThanOrEqual(height);
}

/** The page scrolls neither sideways nor (when `fits`) down; what is longer scrolls inside. */
async function pageScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    return { sideways: root.scrollWidth - root.clientWidth, down: root.scrollHeight - innerHeight };
  });
}

/** The office's calendar day (YYYY-MM-DD) of an instant. */
const officeDate = (at: Date | string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
const officeClock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describeInChromium('the consultant’s screen', () => {
  const desk = setUpDesk({ MESSAGES_PER_MINUTE: '1000', OFFICE_TIME_ZONE: OFFICE, BOOKING_DAYS_AHEAD: '3' });

  it('at 1280×720 keeps a long conversation, its composer, context and notes on one screen, and a call beside the chat', async () => {
    const consultant = await desk.newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
    const visitor = await desk.newPage();
    await desk.signInConsultant(consultant, 'Anna Kowalska');
    await desk.startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);
    // Forty messages, both sides writing at once.
    await Promise.all([
      (async () => {
        for (let i = 1; i <= 20; i++) await send(visitor, `Question ${i}`);
      })(),
      (async () => {
        for (let i = 1; i <= 20; i++) await send(consultant, `Answer ${i}`);
      })(),
    ]);
    await message(consultant, 'Question 20').waitFor();
    await consultant.locator('[data-testid="message"][data-state="delivered"]', { hasText: 'Answer 20' }).waitFor();

    expect((await box(consultant.getByTestId('topbar'))).bottom).toBeLessThanOrEqual(64);
    const log = consultant.getByTestId('message-list');
    expect(await log.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    for (const testId of ['message-input', 'send-button', 'visitor-context', 'note-input']) await withinViewport(consultant, consultant.getByTestId(testId));
    expect((await box(consultant.getByTestId('notes-panel'))).top).toBeLessThan(720);
    expect(await pageScroll(consultant)).toEqual({ sideways: 0, down: 0 });

    // The call's panel takes the column beside the chat; the chat keeps its place and height.
    const logBefore = await box(log);
    await consultant.getByTestId('call-start-video').click();
    const panel = consultant.getByTestId('call-explanation');
    await panel.waitFor();
    const call = await box(panel);
    expect(call.right).toBeLessThanOrEqual(logBefore.left);
    expect(call.top).toBeLessThan(logBefore.bottom);
    expect(await box(log)).toEqual(logBefore);
    for (const testId of ['message-input', 'send-button']) await withinViewport(consultant, consultant.getByTestId(testId));
    expect(await pageScroll(consultant)).toEqual({ sideways: 0, down: 0 });
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByTestId('call-cancel').click();

    // The bar's settings menu: open, axe-clean, Escape folds it and gives the focus back.
    await consultant.getByTestId('topbar-menu-button').click();
    await consultant.getByTestId('sound-toggle').waitFor();
    expect(await consultant.getByTestId('signed-in-as').innerText()).toBe('Signed in as Anna Kowalska');
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.keyboard.press('Escape');
    expect(await consultant.getByTestId('sound-toggle').isVisible()).toBe(false);
    expect(await consultant.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('topbar-menu-button');

    // No canned answers yet: the picker says what they are and where they come from.
    await consultant.getByTestId('canned-button').click();
    const empty = consultant.getByTestId('canned-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('Canned answers are ready texts');
    expect(await empty.innerText()).toContain('added in the administration (/admin)');
    expect(await axeViolations(consultant)).toEqual([]);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('keeps the bar one row in every staff language, and reflows the desk, a conversation and supervision at 640 and 320 CSS px without sideways scrolling', async () => {
    const consultant = await desk.newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
    const visitor = await desk.newPage();
    await desk.signInConsultant(consultant, 'Supervising Sam', 'supervisor');
    // The bar keeps one row in every staff language (the title gives way first).
    for (const language of [...STAFF_LANGUAGES.filter((code) => code !== 'en'), 'en']) {
      await consultant.getByTestId('language-select').selectOption(language);
      await expect.poll(() => consultant.locator('html').getAttribute('lang')).toBe(language);
      expect((await box(consultant.getByTestId('topbar'))).bottom, language).toBeLessThanOrEqual(64);
      expect((await pageScroll(consultant)).sideways, language).toBe(0);
    }
    // 1024: 125 % zoom, where the bar takes a second row rather than scrolling sideways.
    for (const width of [1024, 640, 320]) {
      await consultant.setViewportSize({ width, height: 720 });
      expect((await pageScroll(consultant)).sideways, `desk at ${width}`).toBe(0);
    }
    await desk.startAsVisitor(visitor, { name: 'Wide Wanda' });
    await takeNewest(consultant);
    await send(consultant, 'A rather long answer that wraps over several lines on a narrow screen, with a link https://example.org/a/very/long/path/that/does/not/break/anywhere');
    for (const width of [320, 640]) {
      await consultant.setViewportSize({ width, height: 720 });
      await consultant.getByTestId('view-conversations').click();
      await consultant.getByTestId('message-input').waitFor();
      expect((await pageScroll(consultant)).sideways, `conversation at ${width}`).toBe(0);
      if (width === 320) expect(await axeViolations(consultant)).toEqual([]);
      await consultant.getByTestId('view-supervision').click();
      await consultant.getByTestId('supervisor-live').waitFor();
      expect((await pageScroll(consultant)).sideways, `supervision at ${width}`).toBe(0);
      if (width === 320) expect(await axeViolations(consultant)).toEqual([]);
    }
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('shows tomorrow’s bookings and a picked day’s on the agenda', async () => {
    const consultant = await desk.newPage({ bypassCSP: true, locale: 'en-GB', timezoneId: OFFICE, viewport: { width: 1280, height: 720 } });
    await desk.signInConsultant(consultant, 'Agnieszka');
    const now = Date.now();
    const tomorrow = officeDate(new Date(now + 24 * 3600_000));
    const later = officeDate(new Date(now + 2 * 24 * 3600_000));
    const { slots } = (await (await fetch(`${desk.server.baseUrl}/api/bookings/slots?language=en`)).json()) as { slots: { startsAt: string }[] };
    const book = async (day: string, email: string) => {
      const slot = slots.find((candidate) => officeDate(candidate.startsAt) === day)!;
      const response = await fetch(`${desk.server.baseUrl}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'en', topic: 'work', callKind: 'voice', startsAt: slot.startsAt, email, timeZone: OFFICE, privacyAccepted: true }),
      });
      expect(response.status).toBe(201);
      return officeClock(slot.startsAt);
    };
    const tomorrowAt = await book(tomorrow, `tomorrow-${now}@example.org`);
    const laterAt = await book(later, `later-${now}@example.org`);

    await consultant.getByTestId('view-agenda').click();
    await consultant.getByTestId('agenda-tomorrow').click();
    const rows = consultant.getByTestId('agenda-entry');
    await expect.poll(() => consultant.getByTestId('agenda-date').inputValue()).toBe(tomorrow);
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining(`${tomorrowAt}–`)]);
    expect(await consultant.getByTestId('agenda-tomorrow').getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(consultant)).toEqual([]);

    await consultant.getByTestId('agenda-date').fill(later);
    // Both calls may be at the first slot of their day: the rows alone cannot tell the days apart,
    // "Tomorrow" no longer pressed says the picked day's agenda has loaded.
    await expect.poll(() => consultant.getByTestId('agenda-tomorrow').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining(`${laterAt}–`)]);

    await consultant.getByTestId('agenda-today').click();
    await expect.poll(() => consultant.getByTestId('agenda-date').inputValue()).toBe(officeDate(new Date()));
    await consultant.context().close();
  });
});
