/**
 * The reports screen for everyone who must use it: by keyboard alone (sign-in, period picker,
 * filters, tables, CSV export, the printable summary), at 200 % zoom (640 × 360 CSS pixels at
 * twice the device pixels: nothing but a data table scrolls sideways), axe-clean on every view, for
 * an admin and for a supervisor, whose view is read-only. The desk is closed (its service starts
 * in 2030), so the visitor here is one who came while closed: a reload counts nothing new, the
 * message they leave is their next step, and the report shows both.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parseCsv } from '../test/support/csv';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk } from './support/desk';

/** 1280 × 720 seen at 200 %. */
const ZOOMED = { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 };

describeInChromium('the reports screen by keyboard and zoomed', () => {
  const desk = setUpDesk({ SERVICE_START: '2030-01-07', OFFICE_HOURS: 'mon-fri 11:00-14:00', REPORT_MIN_GROUP: '1' });
  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  /** In the office's time zone, so the browser's today is the office day the visit was counted on. */
  const newPage = (options: Parameters<typeof desk.newPage>[0] = {}) =>
    desk.newPage({ bypassCSP: true, acceptDownloads: true, timezoneId: 'Europe/Warsaw', ...options });

  /** Presses Tab (or Shift+Tab) until the focused element matches `selector`: it is reachable by keyboard, and visibly focused. */
  async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
    for (let presses = 0; presses < 200; presses += 1) {
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
      const focused = await page.evaluate((wanted) => {
        const element = document.activeElement;
        if (!element?.matches(wanted)) return null;
        const style = getComputedStyle(element);
        return { outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px', shadow: style.boxShadow !== 'none' };
      }, selector);
      if (focused) {
        expect(focused.outline || focused.shadow, `${selector} shows its focus`).toBe(true);
        return;
      }
    }
    throw new Error(`${selector} is not reachable with the Tab key`);
  }

  const focusedValue = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | HTMLSelectElement).value);

  async function signInByKeyboard(page: Page, email: string): Promise<void> {
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await tabTo(page, '[data-testid=login-email]');
    await page.keyboard.type(email);
    await tabTo(page, '[data-testid=login-password]');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('logout').waitFor();
  }

  async function openReportsByKeyboard(page: Page): Promise<void> {
    await tabTo(page, '[data-testid=nav-reports]');
    await page.keyboard.press('Enter');
    await page.getByTestId('report-table-summary').waitFor();
  }

  /** The page itself never scrolls sideways: only a table's own region may. */
  const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('counts a visitor who came while closed once, however often the page is reloaded, with the message they left next', async () => {
    const visitor = await newPage();
    await visitor.goto(`${desk.server.baseUrl}/?lang=en`);
    await visitor.getByTestId('status-closed').waitFor();
    await expect.poll(() => visitor.evaluate(() => localStorage.getItem('ek.visitor.closedVisit'))).toMatch(/"followed":false/);
    await visitor.reload();
    await visitor.getByTestId('status-closed').waitFor();
    await visitor.getByTestId('leave-message-open').click();
    await visitor.getByTestId('lm-topic').selectOption('work');
    await visitor.getByTestId('lm-body').fill('When can I collect my card?');
    await visitor.getByTestId('lm-consent').check();
    await visitor.getByTestId('lm-submit').click();
    await visitor.getByTestId('lm-reference').waitFor();
    expect(await visitor.evaluate(() => localStorage.getItem('ek.visitor.closedVisit'))).toMatch(/"followed":true/);

    const supervisor = await newPage();
    await signInByKeyboard(supervisor, await desk.createConsultant('Supervisor Sofia', 'supervisor'));
    await openReportsByKeyboard(supervisor);
    const closed = supervisor.getByTestId('report-table-closed_visits');
    // Day, visits, then a message, then a booking, nothing else.
    expect((await closed.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').slice(1))).toEqual([['1', '1', '0', '0']]);
    await supervisor.getByTestId('report-chart-closed_visits').locator('canvas').waitFor();
  });

  // These read the visit and message counted by the test above (tests of a file run in order).
  for (const role of ['admin', 'supervisor'] as const) {
    it(`lets ${role === 'admin' ? 'an admin' : 'a supervisor'} pick the period and filters, read the tables and export CSV by keyboard alone, axe-clean on every view`, async () => {
      const page = await newPage();
      await signInByKeyboard(page, await desk.createConsultant(`Reader ${role}`, role));
      expect(await page.getByTestId('nav-staff').count()).toBe(role === 'admin' ? 1 : 0);
      await openReportsByKeyboard(page);
      expect(await axeViolations(page)).toEqual([]);

      // The period: a custom range typed into the date fields, ending today. The browser's own
      // locale orders a date field's parts; the first field shows which comes first.
      await tabTo(page, '#report-kind');
      await page.keyboard.press('End');
      expect(await focusedValue(page)).toBe('custom');
      const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
      const [year, month, day] = today.split('-');
      await tabTo(page, '#report-from');
      await page.keyboard.type(`01${month}${year}`);
      const from = await focusedValue(page);
      expect([`${year}-${month}-01`, `${year}-01-${month}`]).toContain(from);
      const dayFirst = from === `${year}-${month}-01`;
      await tabTo(page, '#report-to');
      await page.keyboard.type(dayFirst ? `${day}${month}${year}` : `${month}${day}${year}`);
      expect(await focusedValue(page)).toBe(today);
      // Filters: the English language, grouped by language.
      await tabTo(page, '#report-language');
      await page.keyboard.type('English');
      expect(await focusedValue(page)).toBe('en');
      await tabTo(page, '#report-group');
      await page.keyboard.type('Language');
      expect(await focusedValue(page)).toBe('language');
      await tabTo(page, '[data-testid=report-show]');
      await page.keyboard.press('Enter');
      const closed = page.getByTestId('report-table-closed_visits');
      await closed.getByRole('rowheader', { name: 'English' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // Every table's region takes focus (it scrolls with the arrow keys when wider than the screen).
      const regions = await page.locator('.table-scroll').count();
      expect(regions).toBe(await page.locator('.report-table').count());
      await tabTo(page, '.table-scroll:has([data-testid=report-table-closed_visits])');

      // The CSV link of that figure, with the same period and filters.
      await tabTo(page, '[data-testid=report-csv-closed_visits]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(parseCsv(csv)).toEqual([
        ['language', 'visits', 'left_message', 'booked', 'nothing'],
        ['en', '1', '1', '0', '0'],
      ]);

      // The printable summary, and back, by keyboard.
      await tabTo(page, '[data-testid=report-summary-link]', true);
      await page.keyboard.press('Enter');
      await page.getByTestId('report-table-summary').waitFor();
      expect(await page.getByTestId('report-table-summary').getByRole('row', { name: /Visits while closed, then a message left/ }).innerText()).toMatch(/\s1$/);
      expect(await axeViolations(page)).toEqual([]);
      await tabTo(page, 'a[href="#/reports"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('report-show').waitFor();
    });

    it(`shows ${role === 'admin' ? 'an admin' : 'a supervisor'} every report view at 200 % zoom without sideways page scrolling, axe-clean`, async () => {
      const page = await newPage(ZOOMED);
      await signInByKeyboard(page, await desk.createConsultant(`Zoomed ${role}`, role));
      await openReportsByKeyboard(page);
      await page.getByTestId('report-chart-by_group').locator('canvas').waitFor();
      expect(await pageOverflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      // Grouped by week the tables change shape; the page still fits.
      await page.getByLabel('Group by').selectOption('week');
      await page.getByTestId('report-show').click();
      await page.getByTestId('report-table-by_group').getByRole('columnheader', { name: 'Week' }).waitFor();
      expect(await pageOverflow(page)).toBe(0);
      // The wide heat map scrolls inside its own region.
      const heat = page.locator('.table-scroll:has([data-testid=report-table-heatmap])');
      expect(await heat.evaluate((region) => region.scrollWidth > region.clientWidth)).toBe(true);

      await page.getByTestId('report-summary-link').click();
      await page.getByTestId('report-table-summary').waitFor();
      expect(await pageOverflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
