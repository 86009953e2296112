/**
 * Staff sessions in real Chromium: an admin whose password is older than the re-authentication
 * window saves a setting, gives the password in a dialog (axe-clean) and the change goes through;
 * a consultant lists their sessions and ends the one of another browser, which lands on sign-in.
 * The server runs on the system clock, so the admin's proof is made old in the database, as the
 * passing of STAFF_REAUTH_MINUTES would leave it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/database';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk } from './support/desk';

describeInChromium('own staff sessions', () => {
  const desk = setUpDesk();
  let database: Database;
  beforeAll(() => {
    database = openDatabase(desk.server.databaseUrl);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function signInTo(page: Page, app: 'admin' | 'console', email: string) {
    await page.goto(`${desk.server.baseUrl}/${app}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  }

  it('asks an admin whose password is not recent for it in a dialog, then saves the change', async () => {
    const email = await desk.createConsultant('Reauth admin', 'admin');
    const page = await desk.newPage({ bypassCSP: true });
    await signInTo(page, 'admin', email);
    await page.goto(`${desk.server.baseUrl}/admin/#staff`);
    const required = page.getByTestId('two-factor-consultants-required');
    await required.waitFor();
    const before = await required.isChecked();

    const user = await database.db.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await database.db.updateTable('staff_sessions').set({ proved_at: new Date(Date.now() - 60 * 60_000).toISOString() }).where('user_id', '=', user.id).execute();

    await required.setChecked(!before);
    await page.getByTestId('two-factor-policy-save').click();
    const dialog = page.getByTestId('reauthenticate-dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'reauthenticate-password');
    expect(await axeViolations(page)).toEqual([]);

    // Cancelling keeps the form as it was, the change unsaved.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await required.isChecked()).toBe(!before);

    await page.getByTestId('two-factor-policy-save').click();
    await page.getByTestId('reauthenticate-password').fill('not my password');
    await page.getByTestId('reauthenticate-submit').click();
    await page.getByTestId('reauthenticate-error').waitFor();
    await page.getByTestId('reauthenticate-password').fill(PASSWORD);
    await page.getByTestId('reauthenticate-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Saved').first().waitFor();

    await page.reload();
    await required.waitFor();
    expect(await required.isChecked()).toBe(!before);

    // The password was just given: putting the policy back needs no dialog (and spares the next test a second factor).
    await required.setChecked(before);
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/admin/two-factor') && response.request().method() === 'PUT' && response.ok()),
      page.getByTestId('two-factor-policy-save').click(),
    ]);
    await page.reload();
    await required.waitFor();
    expect(await required.isChecked()).toBe(before);
    expect(await dialog.count()).toBe(0);
  });

  it('lets a consultant end the session of another browser, which lands on the sign-in screen', async () => {
    const email = await desk.createConsultant('Two-browser consultant');
    const here = await desk.newPage({ bypassCSP: true });
    const elsewhere = await desk.newPage();
    await signInTo(elsewhere, 'console', email);
    await signInTo(here, 'console', email);

    await here.getByTestId('topbar-menu-button').click();
    await here.getByTestId('own-sessions').click();
    const dialog = here.getByTestId('own-sessions-dialog');
    await dialog.getByTestId('own-session').waitFor();
    expect(await dialog.getByTestId('own-session-current').textContent()).toContain('this session');
    expect(await dialog.getByTestId('own-session').textContent()).toMatch(/Chrome on Linux.*Network 127\.0\.0\.0\/24/);
    expect(await axeViolations(here)).toEqual([]);

    await dialog.getByTestId('own-session-end').click();
    await dialog.getByText('The session has ended.').waitFor();
    expect(await dialog.getByTestId('own-session').count()).toBe(0);
    await here.waitForFunction(() => document.activeElement?.id === 'own-sessions-heading');

    await elsewhere.getByTestId('login-email').waitFor();
    expect(await here.getByTestId('logout').isVisible()).toBe(true);
  });
});
