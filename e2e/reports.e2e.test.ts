/**
 * Reports in real Chromium: a visitor rates their conversation in Ukrainian, a supervisor sees the
 * rating in /admin's reports (chart and table), downloads the CSV and parses it, opens the
 * printable summary; every view is axe-clean.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parseCsv } from '../test/support/csv';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk, takeNewest } from './support/desk';

describeInChromium('reports and satisfaction', () => {
  // One rating is a group of one: shown in the export only when the minimum allows it.
  const desk = setUpDesk({ REPORT_MIN_GROUP: '1' });
  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  const newPage = () => desk.newPage({ bypassCSP: true });

  async function signInToAdmin(page: Page, email: string) {
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('logout').waitFor();
  }

  it('lets a visitor rate a conversation in Ukrainian, and a supervisor read and export it', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await desk.signInConsultant(consultant);
    await desk.startAsVisitor(visitor, { lang: 'uk' });
    await takeNewest(consultant);
    await consultant.getByTestId('close-outcome').selectOption('answered');
    await consultant.getByTestId('close-button').click();
    await visitor.getByTestId('conversation-ended').waitFor();

    const prompt = visitor.getByTestId('satisfaction');
    await prompt.getByText('Наскільки корисною була ця розмова?').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await prompt.getByLabel('4 – Допомогла').focus();
    await visitor.keyboard.press('Space');
    await prompt.getByLabel('Коментар (необов’язково)').fill('Дуже дякую, все зрозуміло!');
    await prompt.getByTestId('satisfaction-send').click();
    await visitor.getByTestId('satisfaction-thanks').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    const supervisor = await newPage();
    await signInToAdmin(supervisor, await desk.createConsultant('Supervisor Sofia', 'supervisor'));
    await supervisor.getByTestId('nav-reports').click();
    const satisfaction = supervisor.getByTestId('report-table-satisfaction');
    await satisfaction.waitFor();
    expect(await supervisor.getByTestId('nav-staff').count()).toBe(0);
    expect(await satisfaction.getByRole('row', { name: /4 – helpful/ }).innerText()).toMatch(/\s1$/);
    expect(await supervisor.getByTestId('report-comments').innerText()).toContain('Дуже дякую, все зрозуміло!');
    await supervisor.getByTestId('report-chart-by_group').locator('canvas').waitFor();
    expect(await axeViolations(supervisor)).toEqual([]);

    const href = await supervisor.getByTestId('report-csv-satisfaction').getAttribute('href');
    const csv = await supervisor.evaluate(async (path) => {
      const response = await fetch(path!);
      return { type: response.headers.get('content-type'), body: await response.text() };
    }, href);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(parseCsv(csv.body)).toEqual([['rating', 'responses'], ['5', '0'], ['4', '1'], ['3', '0'], ['2', '0'], ['1', '0']]);

    // Group by language: the Ukrainian conversation is one row of its own.
    await supervisor.getByLabel('Group by').selectOption('language');
    await supervisor.getByTestId('report-show').click();
    await supervisor.getByTestId('report-table-by_group').getByRole('rowheader', { name: 'Ukrainian' }).waitFor();
    expect(await axeViolations(supervisor)).toEqual([]);

    await supervisor.getByTestId('report-summary-link').click();
    await supervisor.getByTestId('report-table-summary').waitFor();
    expect(await axeViolations(supervisor)).toEqual([]);
  });
});
