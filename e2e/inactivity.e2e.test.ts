/**
 * Idle and abandoned conversations in real Chromium: an admin sets the thresholds in /admin; a
 * quiet visitor is asked "are you still there?" and, silent, the conversation ends for both
 * sides; waiting visitors who closed the page lose their place and, back, are told so in their
 * language and can rejoin at the back or start again. Every new state is axe-clean in every
 * language. The server sweeps every few seconds on its own clock, so each wait below ends on the
 * event it waits for.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STAFF_LANGUAGES, UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, message, setUpDesk, takeNewest } from './support/desk';
import { inEveryLanguage, localeText } from './support/languages';

/** The shortest thresholds /admin accepts; one sweep (5 s) may pass before each is noticed. */
const SECONDS = 10;
const NOTICED_WITHIN = { timeout: 30_000 };
/** Two thresholds and their sweeps, on two shared cores: more than the default minute may pass. */
const TEST_DEADLINE_MS = 120_000;

describeInChromium('idle and abandoned conversations', () => {
  // Every interface language offered, so each language's states are checked.
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') });
  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  const newPage = (lang = 'en') => desk.newPage({ bypassCSP: true, locale: lang });

  async function setThresholdsInAdmin(): Promise<void> {
    const page = await newPage();
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await page.getByTestId('login-email').fill(await desk.createConsultant('Admin Ada', 'admin'));
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-routing').click();
    const form = page.getByTestId('inactivity-form');
    await form.waitFor();
    await form.getByLabel(/^Seconds of silence/).fill(String(SECONDS));
    await form.getByLabel(/^Seconds without an answer/).fill(String(SECONDS));
    await form.getByLabel(/^Seconds without a connection/).fill(String(SECONDS));
    await page.getByTestId('inactivity-save').click();
    await page.getByTestId('announcer').filter({ hasText: 'Saved.' }).waitFor({ state: 'attached' });
    await inEveryLanguage(page, STAFF_LANGUAGES, [
      [page.locator('#inactivity-heading'), 'admin:inactivity.heading'],
      [form, 'admin:inactivity.absentHint'],
    ]);
    await page.context().close();
  }

  it('asks a quiet visitor whether they are still there, then ends the conversation for both sides', async () => {
    await setThresholdsInAdmin();
    const visitor = await newPage();
    const consultant = await newPage();
    await desk.signInConsultant(consultant, 'Anna');
    await desk.startAsVisitor(visitor, { name: 'Quiet Quentin' });
    await takeNewest(consultant);

    await message(visitor, 'Are you still there?').waitFor(NOTICED_WITHIN);
    await message(consultant, 'they were asked whether they are still there').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('conversation-ended').waitFor(NOTICED_WITHIN);
    await message(visitor, 'we did not hear from you').waitFor();
    expect(await visitor.getByTestId('rejoin-button').count()).toBe(0);
    expect(await axeViolations(visitor)).toEqual([]);
    // The warning stays in the list above the end: both, and the end's offer, in every language.
    await inEveryLanguage(visitor, UI_LANGUAGES, [
      [visitor.getByTestId('message-list'), 'visitor:system.visitor_idle_warning'],
      [visitor.getByTestId('message-list'), 'visitor:system.visitor_inactive'],
      [visitor.getByTestId('conversation-ended'), 'visitor:ended.startNew'],
    ]);
    await message(consultant, 'The conversation ended because the visitor did not answer.').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  }, TEST_DEADLINE_MS);

  it('lets waiting visitors who closed the page go from the queue; back, each is told in their language and may rejoin at the back', async () => {
    const consultant = await newPage();
    await desk.signInConsultant(consultant, 'Beata');
    const visitors = new Map<string, Page>();
    for (const lang of UI_LANGUAGES) {
      const page = await newPage(lang);
      await desk.startAsVisitor(page, { lang, name: `Away ${lang}` });
      visitors.set(lang, page);
    }
    const queued = (lang: string) => consultant.getByTestId('queue-item').filter({ hasText: `Away ${lang}` });
    for (const lang of UI_LANGUAGES) await queued(lang).waitFor();
    for (const page of visitors.values()) await page.close();

    for (const lang of UI_LANGUAGES) await queued(lang).waitFor({ state: 'detached', ...NOTICED_WITHIN });
    for (const [lang, closed] of visitors) {
      const back = await closed.context().newPage();
      await back.goto(`${desk.server.baseUrl}/?lang=${lang}`);
      await back.getByTestId('rejoin-button').waitFor();
      expect(await back.locator('html').getAttribute('lang')).toBe(lang);
      // Beside rejoining, starting a new conversation is offered.
      expect(await back.getByTestId('new-conversation-button').textContent()).toBe(localeText(lang, 'visitor:ended.startNew'));
      expect(await axeViolations(back)).toEqual([]);
      visitors.set(lang, back);
    }

    const english = visitors.get('en')!;
    await english.getByTestId('rejoin-button').click();
    await expect.poll(() => english.getByTestId('conversation-status').getAttribute('data-status')).toBe('waiting');
    await message(english, 'You are back in the queue, at the back.').waitFor();
    await english.getByTestId('message-input').waitFor();
    await queued('en').waitFor();
    expect(await axeViolations(english)).toEqual([]);

    const polish = visitors.get('pl')!;
    await polish.getByTestId('new-conversation-button').click();
    await polish.getByTestId('start-button').waitFor();
    await Promise.all([consultant, ...visitors.values()].map((page) => page.context().close()));
  }, TEST_DEADLINE_MS);
});
