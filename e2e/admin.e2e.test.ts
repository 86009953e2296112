/**
 * /admin in real Chromium, used with the keyboard: an admin creates a consultant who then signs
 * in to the console, changes the weekly hours and the visitor page shows them, adds a topic that
 * the visitor's start form offers, switches routing to manual, adds a shared canned answer; every
 * admin page is axe-clean, and non-admins are turned away.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk } from './support/desk';

const NEW_PASSWORD = 'a long passphrase for Olena';

describeInChromium('/admin', () => {
  const desk = setUpDesk();
  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  const newPage = () => desk.newPage({ bypassCSP: true });

  async function signInToAdmin(page: Page, email: string) {
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await page.getByTestId('login-email').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('logout').waitFor();
  }

  /** Follows a navigation link with the keyboard; the new page's heading takes the focus. */
  async function goTo(page: Page, section: string, heading: string) {
    await page.getByTestId(`nav-${section}`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 }).toBe(heading);
  }

  /** Waits until the polite live region says `text` (it is visually hidden, hence only attached). */
  const announced = (page: Page, text: string) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });

  const press = async (page: Page, locator: ReturnType<Page['locator']>, key = 'Enter') => {
    await locator.focus();
    await page.keyboard.press(key);
  };

  it('creates a consultant who can then sign in to the console', async () => {
    const page = await newPage();
    await signInToAdmin(page, await desk.createConsultant('Admin Anna', 'admin'));
    await page.getByTestId('staff-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const form = page.getByTestId('staff-new-form');
    await form.getByLabel('Name').fill('Olena Kowalczyk');
    await form.getByLabel('E-mail address').fill('olena@office.example');
    await form.getByLabel('Role').selectOption('consultant');
    await press(page, form.getByRole('checkbox', { name: 'українська' }), 'Space');
    await press(page, form.getByRole('checkbox', { name: 'polski' }), 'Space');
    await press(page, form.getByRole('checkbox', { name: 'Work: permits, declarations, change or loss of job' }), 'Space');
    await form.getByLabel('Conversations at the same time (at most)').fill('4');
    await form.getByLabel('Interprets (language codes)').fill('pjm');
    await form.getByLabel('First password').fill(NEW_PASSWORD);
    await press(page, form.getByRole('button', { name: 'Create the account' }));
    await announced(page, 'Account for Olena Kowalczyk created.');
    const row = page.getByTestId('staff-row').filter({ hasText: 'olena@office.example' });
    expect(await row.innerText()).toMatch(/Consultant\s+Українська, Polski\s+Work: permits/i);

    await press(page, row.getByRole('button', { name: 'Edit Olena Kowalczyk' }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('staff-edit-heading');
    expect(await axeViolations(page)).toEqual([]);

    const consultant = await newPage();
    await consultant.goto(`${desk.server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill('olena@office.example');
    await consultant.getByTestId('login-password').fill(NEW_PASSWORD);
    await consultant.getByTestId('login-submit').click();
    await consultant.getByTestId('logout').waitFor();

    await press(page, page.getByTestId('staff-deactivate'));
    await announced(page, 'Olena Kowalczyk is deactivated');
    await consultant.reload();
    await consultant.getByTestId('login-email').waitFor();
  });

  it('edits the weekly hours, and the visitor page shows the new hours', async () => {
    const page = await newPage();
    await signInToAdmin(page, await desk.createConsultant('Admin Bogdan', 'admin'));
    await goTo(page, 'schedule', 'Office hours');
    expect(await axeViolations(page)).toEqual([]);

    const monday = page.getByRole('group', { name: 'Monday' });
    await monday.getByLabel('Monday, interval 1: From').fill('08:00');
    await monday.getByLabel('Monday, interval 1: To').fill('12:00');
    await press(page, page.getByTestId('weekday-1-add'));
    await monday.getByLabel('Monday, interval 2: From').fill('13:00');
    await monday.getByLabel('Monday, interval 2: To').fill('15:30');
    const sunday = page.getByRole('group', { name: 'Sunday' });
    await press(page, sunday.getByRole('button', { name: /^Remove/ }));
    await press(page, page.getByTestId('weekly-save'));
    await announced(page, 'Saved.');

    const visitor = await newPage();
    await visitor.goto(`${desk.server.baseUrl}/?lang=en`);
    const hours = visitor.locator('.hours-row');
    await hours.first().waitFor();
    expect(await hours.filter({ hasText: 'Monday' }).innerText()).toMatch(/08:00–12:00, 13:00–15:30/);
    expect(await hours.filter({ hasText: 'Sunday' }).innerText()).toMatch(/Closed/i);
    expect(await hours.filter({ hasText: 'Tuesday' }).innerText()).toMatch(/00:00–24:00/);
  });

  it('adds a topic that the visitor can pick at once; topics and audit log pages are axe-clean', async () => {
    const page = await newPage();
    await signInToAdmin(page, await desk.createConsultant('Admin Celina', 'admin'));
    await goTo(page, 'topics', 'Topics');
    await page.getByTestId('topic-list').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const form = page.getByTestId('topic-new-form');
    await form.getByLabel('Identifier').fill('poles_card');
    await form.getByLabel('polski').fill('Karta Polaka');
    await form.getByLabel('English').fill("Pole's Card");
    await form.getByLabel('українська').fill('Карта поляка');
    await form.getByLabel('русский').fill('Карта поляка');
    await press(page, form.getByRole('button', { name: 'Add the topic' }));
    await announced(page, "Topic Pole's Card added.");

    await press(page, page.locator('#topic-poles_card-up'));
    await announced(page, "Pole's Card is now number 15.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('topic-poles_card-up');

    const visitor = await newPage();
    await desk.openVisitor(visitor, 'en');
    const options = await visitor.getByTestId('topic-select').locator('option').allInnerTexts();
    expect(options.slice(-2)).toEqual(["Pole's Card", 'Other question']);

    await goTo(page, 'audit', 'Audit log');
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-action').selectOption('topics.changed');
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await rows.nth(0).getByTestId('audit-sentence').innerText()).toBe('Admin Celina changed the order of the topics.');
    expect(await rows.nth(1).getByTestId('audit-sentence').innerText()).toBe('Admin Celina added the topic “Pole\'s Card”.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches routing to manual and adds a shared canned answer, axe-clean', async () => {
    const page = await newPage();
    await signInToAdmin(page, await desk.createConsultant('Admin Damian', 'admin'));
    await goTo(page, 'routing', 'Routing');
    const routing = page.getByTestId('routing-form');
    await routing.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await press(page, routing.getByRole('radio', { name: /^Manually/ }), 'Space');
    await routing.getByLabel(/^Seconds a consultant has/).fill('45');
    await press(page, page.getByTestId('routing-save'));
    await announced(page, 'Saved.');
    const settings = await page.evaluate(() => fetch('/api/admin/routing').then((response) => response.json()));
    expect(settings).toMatchObject({ mode: 'manual', offerTimeoutSeconds: 45 });

    await goTo(page, 'canned', 'Canned answers');
    const form = page.getByTestId('canned-new-form');
    await form.getByLabel('Language').selectOption('en');
    await form.getByLabel('Title').fill('Opening hours');
    await form.getByLabel('Text').fill('Hello {visitorName}, we are open {officeHours}.');
    await press(page, form.getByRole('button', { name: 'Add the answer' }));
    await announced(page, 'Answer "Opening hours" added.');
    expect(await page.getByTestId('canned-list').innerText()).toContain('Hello {visitorName}, we are open {officeHours}.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('turns away a consultant', async () => {
    const page = await newPage();
    await signInToAdmin(page, await desk.createConsultant('Consultant Dmytro'));
    await page.getByTestId('not-admin').waitFor();
    expect(await page.getByTestId('staff-table').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
