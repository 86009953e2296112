/**
 * Waiting visitors at closing in real Chromium: the desk closes in a few minutes, so each waiting
 * visitor is offered, in their language, to leave a message instead or to book a call; one turns
 * the conversation into a left message (what they wrote prefilled, no e-mail address) and reads it
 * on its private page; another books a call and, when the desk has closed (an admin closes the
 * rest of today), sees the conversation end with when the desk opens again; the console marks
 * who is affected. Every new state is axe-clean in every language of its page.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STAFF_LANGUAGES, UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { send, setUpDesk } from './support/desk';

/**
 * An office whose day ends 8 minutes from now, in a time zone where it is now around noon (so the
 * day does not wrap past midnight): within the closing notice from the start.
 */
function closingSoonEnv(): Record<string, string> {
  const now = new Date();
  const offset = 12 - now.getUTCHours();
  const zone = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  const closes = new Date(now.getTime() + (offset * 60 + 8) * 60_000);
  const hhmm = `${String(closes.getUTCHours()).padStart(2, '0')}:${String(closes.getUTCMinutes()).padStart(2, '0')}`;
  return { OFFICE_TIME_ZONE: zone, OFFICE_HOURS: `mon-sun 00:00-${hhmm}`, HOLIDAYS: 'none', LAST_ENTRY_MINUTES: '0', LANGUAGES: UI_LANGUAGES.join(',') };
}

/** A string of a language's locale file, by its dotted key. */
function localeText(lang: string, namespace: 'visitor' | 'console', key: string): string {
  const strings: unknown = JSON.parse(readFileSync(new URL(`../src/shared/locales/${lang}/${namespace}.json`, import.meta.url), 'utf8'));
  return key.split('.').reduce((node, part) => (node as Record<string, unknown>)[part], strings) as string;
}

/**
 * Switches the page through its interface languages on the spot (no reload, the state stays): in
 * each, the state shows the language's own text and is axe-clean; ends back in English.
 */
async function axeCleanInEveryLanguage(page: Page, languages: readonly string[], shown: Locator, text: (lang: string) => string): Promise<void> {
  for (const lang of [...languages.filter((l) => l !== 'en'), 'en']) {
    await page.getByTestId('language-select').selectOption(lang);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    await expect.poll(() => shown.textContent()).toContain(text(lang));
    expect(await axeViolations(page), lang).toEqual([]);
  }
}

/** The text of a system notice before the time it carries. */
const beforeTime = (lang: string, key: string) => localeText(lang, 'visitor', key).split('{{time}}')[0]!;

/** One sweep (5 s) may pass before the offer is made. */
const OFFERED_WITHIN = { timeout: 20_000 };
/** Ten visitors waiting for their offers, and the console in every staff language, on two shared cores. */
const TEST_DEADLINE_MS = 120_000;

describeInChromium('waiting visitors at closing', () => {
  const env = closingSoonEnv();
  const desk = setUpDesk(env);
  const newPage = (lang = 'en') => desk.newPage({ bypassCSP: true, locale: lang });

  it('offers each waiting visitor, in their language, a left message or a booking; the console shows who is affected', async () => {
    const consultant = await newPage();
    await desk.signInConsultant(consultant, 'Celina');
    await consultant.getByTestId('availability-select').selectOption('away');
    // All start before any is checked: their offers come in the same sweeps.
    const visitors = new Map<string, Page>();
    for (const lang of UI_LANGUAGES) {
      const visitor = await newPage(lang);
      await desk.startAsVisitor(visitor, { lang, name: `Late ${lang}` });
      visitors.set(lang, visitor);
    }
    for (const [lang, visitor] of visitors) {
      await visitor.getByTestId('closing-offer').waitFor(OFFERED_WITHIN);
      expect(await visitor.getByTestId('booking-open').count()).toBe(1);
      expect(await axeViolations(visitor), lang).toEqual([]);
      await visitor.context().close();
    }
    const offered = consultant.getByTestId('queue-item').filter({ hasText: 'Late ru' }).getByTestId('closing-offered');
    await offered.waitFor();
    await axeCleanInEveryLanguage(consultant, STAFF_LANGUAGES, offered, (lang) => localeText(lang, 'console', 'queue.closingOffered'));
    await consultant.context().close();
  }, TEST_DEADLINE_MS);

  it('turns the conversation into a left message: what the visitor wrote is kept, no e-mail needed, the private link leads to it', async () => {
    const visitor = await newPage();
    await desk.startAsVisitor(visitor, { name: 'Leaving Lena' });
    await send(visitor, 'My residence card expires next week.');
    await visitor.getByTestId('closing-offer').waitFor(OFFERED_WITHIN);

    await visitor.getByTestId('leave-instead-open').click();
    const body = visitor.getByTestId('li-body');
    await body.waitFor();
    expect(await body.inputValue()).toBe('My residence card expires next week.');
    await body.fill('My residence card expires next week. What do I need?');
    await axeCleanInEveryLanguage(visitor, UI_LANGUAGES, visitor.getByTestId('leave-instead'), (lang) => localeText(lang, 'visitor', 'closingOffer.heading'));
    expect(await body.inputValue()).toBe('My residence card expires next week. What do I need?');
    await visitor.getByTestId('li-consent').check();
    await visitor.getByTestId('li-submit').click();

    const receipt = visitor.getByTestId('left-instead');
    await receipt.waitFor();
    await axeCleanInEveryLanguage(visitor, UI_LANGUAGES, receipt, (lang) => localeText(lang, 'visitor', 'closingOffer.sent'));
    const reference = await visitor.getByTestId('left-instead-reference').textContent();
    expect(reference).toMatch(/^EK-/);
    await expect.poll(() => visitor.getByTestId('message-list').textContent()).toContain('Your conversation was turned into a message.');
    expect(await visitor.getByTestId('message-input').count()).toBe(0);
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('left-instead-link').click();
    await visitor.getByTestId('left-message').waitFor();
    expect(await visitor.getByTestId('left-message-reference').textContent()).toBe(reference);
    expect(await visitor.getByTestId('left-message').textContent()).toContain('My residence card expires next week. What do I need?');
    await visitor.context().close();
  });

  it('books a call from the offer; when the desk has closed for the day the conversation ends with when it opens again, in every visitor language', async () => {
    const visitor = await newPage();
    await desk.startAsVisitor(visitor, { name: 'Booking Bogna' });
    await visitor.getByTestId('closing-offer').waitFor(OFFERED_WITHIN);
    await visitor.getByTestId('booking-open').click();
    await visitor.getByTestId('booking-form').waitFor();
    await visitor.getByTestId('booking-topic').selectOption('work');
    await visitor.getByTestId('booking-days').getByRole('radio').first().check();
    await visitor.getByTestId('booking-slot').first().getByRole('radio').check();
    await visitor.getByTestId('booking-accept').check();
    await visitor.getByTestId('booking-submit').click();
    await visitor.getByTestId('booking-done').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    // Booked, the visitor keeps their place: a consultant may still take the conversation today.
    expect(await visitor.getByTestId('message-input').count()).toBe(1);

    // The desk closes early today: an exception in /admin (the time of day is not waited for).
    const admin = await newPage();
    await desk.signInConsultant(admin, 'Admin Oliwia', 'admin');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: env.OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const closeToday = (method: 'PUT' | 'DELETE') =>
      admin.evaluate(
        async ([date, method]) => {
          const closed = method === 'PUT' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hours: [] }) } : {};
          return (await fetch(`/api/admin/schedule/exceptions/${date}`, { method, ...closed })).status;
        },
        [today, method] as const,
      );
    expect(await closeToday('PUT')).toBe(200);
    try {
      const ended = visitor.getByTestId('conversation-ended');
      await ended.waitFor(OFFERED_WITHIN);
      expect(await visitor.getByTestId('message-input').count()).toBe(0);
      expect(await visitor.getByTestId('closing-offer').count()).toBe(0);
      await axeCleanInEveryLanguage(visitor, UI_LANGUAGES, visitor.getByTestId('chat-body'), (lang) => beforeTime(lang, 'system.ended_at_closing'));
    } finally {
      expect(await closeToday('DELETE')).toBe(200);
    }
    await visitor.context().close();
    await admin.context().close();
  });
});
