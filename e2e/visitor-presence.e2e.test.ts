/**
 * The consultant sees whether the visitor is still there, live, in real Chromium: on the page
 * (visible), away (the visitor's tab hidden), gone (the tab closed) — in the queue and in the open
 * conversation's header, in words and a shape, told once to screen readers; axe-clean.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STAFF_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk, takeNewest } from './support/desk';

describeInChromium('the visitor’s presence in the console', () => {
  const desk = setUpDesk();

  /** What a browser does when its tab goes to the background: visibilityState turns hidden, then visibilitychange. */
  async function hideTab(page: Page): Promise<void> {
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }

  it('shows the visitor on the page, then away when their tab is hidden, then gone when it is closed', async () => {
    const visitor = await desk.newPage();
    const consultant = await desk.newPage({ bypassCSP: true });
    await desk.signInConsultant(consultant, 'Anna');
    await desk.startAsVisitor(visitor, { name: 'Present Paula' });

    const queued = consultant.getByTestId('queue-item').filter({ hasText: 'Present Paula' });
    await queued.locator('[data-testid="visitor-presence"][data-presence="present"]').waitFor();
    expect(await queued.getByTestId('visitor-presence').textContent()).toContain('On the page');
    expect(await axeViolations(consultant)).toEqual([]);

    await hideTab(visitor);
    await queued.locator('[data-testid="visitor-presence"][data-presence="away"]').waitFor();
    expect(await queued.getByTestId('visitor-presence').textContent()).toContain('Page in the background');

    await takeNewest(consultant);
    const header = consultant.locator('.conversation-head');
    await header.locator('[data-testid="visitor-presence"][data-presence="away"]').waitFor();

    await visitor.close();
    await header.locator('[data-testid="visitor-presence"][data-presence="gone"]').waitFor();
    expect(await header.getByTestId('visitor-presence').textContent()).toContain('Disconnected');
    await consultant.getByTestId('announcer').filter({ hasText: 'Present Paula: Disconnected' }).waitFor({ state: 'attached' });
    expect(await axeViolations(consultant)).toEqual([]);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('shows each state in every staff language without an axe violation', async () => {
    const visitor = await desk.newPage();
    await desk.startAsVisitor(visitor, { name: 'Polyglot Pat' });
    const consoles: Page[] = [];
    for (const lang of STAFF_LANGUAGES) {
      const consultant = await desk.newPage({ bypassCSP: true, locale: lang });
      await desk.signInConsultant(consultant, `Reader ${lang}`);
      expect(await consultant.locator('html').getAttribute('lang')).toBe(lang);
      consoles.push(consultant);
    }
    const shown = (consultant: Page, presence: string) =>
      consultant.getByTestId('queue-item').filter({ hasText: 'Polyglot Pat' }).locator(`[data-testid="visitor-presence"][data-presence="${presence}"]`);
    const checkEvery = async (presence: string) => {
      for (const consultant of consoles) {
        await shown(consultant, presence).waitFor();
        expect(await shown(consultant, presence).textContent()).not.toContain('presence.');
        expect(await axeViolations(consultant)).toEqual([]);
      }
    };
    await checkEvery('present');
    await hideTab(visitor);
    await checkEvery('away');
    await visitor.context().close();
    await checkEvery('gone');
    await Promise.all(consoles.map((page) => page.context().close()));
  });
});
