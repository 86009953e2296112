/**
 * Reports in real Chromium: a visitor rates their conversation in Ukrainian, a supervisor sees the
 * rating in /admin's reports (chart and table), downloads the CSV and parses it, opens the
 * printable summary; every view is axe-clean. The visitor rates the answer to a left message on its
 * private page, or skips it for good; the console's supervision view shows today's live figures.
 */
import type { Page } from 'playwright-core';
import type { LeaveMessageResponse, LiveFigures, Report, StaffLeftMessage } from '../src/shared/protocol';
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

  /** Staff requests made with a signed-in staff member's cookie, as their browser would. */
  async function staffApi(email: string) {
    const login = await fetch(`${desk.server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    return async <T>(path: string, payload?: unknown): Promise<T> => {
      const response = await fetch(`${desk.server.baseUrl}${path}`, {
        method: payload === undefined ? 'GET' : 'POST',
        headers: payload === undefined ? { cookie } : { cookie, 'content-type': 'application/json' },
        ...(payload !== undefined && { body: JSON.stringify(payload) }),
      });
      expect(response.status, path).toBe(200);
      return response.json() as Promise<T>;
    };
  }

  /** A message left in Ukrainian and answered by the office: its private page's token. */
  async function answeredLeftMessage(staff: Awaited<ReturnType<typeof staffApi>>, body: string): Promise<string> {
    const left = await fetch(`${desk.server.baseUrl}/api/left-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'uk', topic: 'work', body, consent: true }),
    });
    expect(left.status).toBe(201);
    const { token, reference } = (await left.json()) as LeaveMessageResponse;
    const { messages } = await staff<{ messages: StaffLeftMessage[] }>('/api/inbox');
    const id = messages.find((message) => message.reference === reference)!.id;
    await staff(`/api/inbox/${id}/answer`, { answer: 'Так, потрібен паспорт і фото.' });
    return token;
  }

  it('lets a visitor rate the answer to a left message on its private page, and keeps a skipped prompt skipped after a reload', async () => {
    const supervisorEmail = await desk.createConsultant('Supervisor Marta', 'supervisor', 'pl,uk');
    const staff = await staffApi(supervisorEmail);
    const leftMessageRatings = async () => {
      // Today in the office's time zone lies within a day of today in UTC.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const report = await staff<Report>(`/api/reports?from=${day(-1)}&to=${day(1)}&channel=left_message`);
      const summary = Object.fromEntries(report.tables.find((table) => table.figure === 'summary')!.rows);
      return summary.satisfaction_responses;
    };
    const before = Number(await leftMessageRatings());

    const rated = await newPage();
    await rated.goto(`${desk.server.baseUrl}/message?lang=uk#${await answeredLeftMessage(staff, 'Чи потрібен паспорт для продовження карти?')}`);
    const prompt = rated.getByTestId('satisfaction');
    await prompt.getByText('Наскільки корисною була відповідь на ваше повідомлення?').waitFor();
    expect(await axeViolations(rated)).toEqual([]);
    await prompt.getByLabel('5 – Дуже допомогла').check();
    await prompt.getByTestId('satisfaction-send').click();
    await rated.getByTestId('satisfaction-thanks').waitFor();
    expect(await axeViolations(rated)).toEqual([]);
    expect(Number(await leftMessageRatings())).toBe(before + 1);

    const skipping = await newPage();
    await skipping.goto(`${desk.server.baseUrl}/message?lang=uk#${await answeredLeftMessage(staff, 'Де забрати карту?')}`);
    await skipping.getByTestId('satisfaction').waitFor();
    await skipping.getByTestId('satisfaction-skip').click();
    await skipping.getByTestId('satisfaction').waitFor({ state: 'detached' });
    await skipping.reload();
    // The page is back with its answer, and without the prompt.
    await skipping.getByTestId('left-message-answer').getByText('Так, потрібен паспорт і фото.').waitFor();
    expect(await skipping.getByTestId('satisfaction').count()).toBe(0);
    expect(await skipping.getByTestId('satisfaction-thanks').count()).toBe(0);
    expect(await axeViolations(skipping)).toEqual([]);
    expect(Number(await leftMessageRatings())).toBe(before + 1);
  });

  it('shows a supervisor today’s live figures in the console: waiting now and served today, from the real queue', async () => {
    const email = await desk.createConsultant('Supervisor Olena', 'supervisor');
    const staff = await staffApi(email);
    const before = await staff<LiveFigures>('/api/reports/live');
    for (let visitor = 0; visitor < 2; visitor += 1) {
      const started = await fetch(`${desk.server.baseUrl}/api/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'en', topic: 'work', privacyAccepted: true }),
      });
      expect(started.status).toBe(201);
    }

    const supervisor = await newPage();
    await desk.signInConsultant(supervisor, 'Supervisor Ilona', 'supervisor');
    await takeNewest(supervisor);
    await supervisor.getByTestId('close-outcome').selectOption('answered');
    await supervisor.getByTestId('close-button').click();
    await supervisor.getByTestId('view-supervision').click();
    const today = supervisor.getByTestId('supervisor-today');
    await today.waitFor();
    expect(await today.getByTestId('today-waitingNow').innerText()).toBe(String(before.waitingNow + 1));
    expect(await today.getByTestId('today-servedToday').innerText()).toBe(String(before.servedToday + 1));
    expect(await today.getByTestId('today-givenUpToday').innerText()).toBe(String(before.givenUpToday));
    expect(await today.getByRole('heading', { name: 'Today so far' }).count()).toBe(1);
    expect(await axeViolations(supervisor)).toEqual([]);
  });
});
