/**
 * Two-step sign-in in real Chromium, with the second factor required as in production: an admin
 * enrols an authenticator app after the password and signs in again with a code; a supervisor
 * enrols a passkey on Chromium's virtual authenticator (CDP WebAuthn domain) and signs in with it.
 * The enrolment and code pages are axe-clean. Passkeys need a host name (not an IP address) that
 * PUBLIC_URL names, so this desk is reached at http://localhost on a port chosen beforehand.
 */
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../test/support/launcher';
import { axeViolations, describeInChromium, launchBrowser } from './support/browser';
import { PASSWORD } from './support/desk';
import { addStaffUser, startServerProcess, type ServerProcess } from './support/server';

describeInChromium('two-step sign-in', () => {
  let server: ServerProcess;
  let browser: Browser;
  let origin = '';
  const admin = `admin-${Date.now()}@example.org`;
  const supervisor = `supervisor-${Date.now()}@example.org`;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = await startServerProcess({ PUBLIC_URL: origin, STAFF_2FA_REQUIRED_ROLES: 'admin,supervisor' }, { port });
    [browser] = await Promise.all([
      launchBrowser(),
      addStaffUser(server.databaseUrl, { email: admin, name: 'Two-step admin', role: 'admin', password: PASSWORD }),
      addStaffUser(server.databaseUrl, { email: supervisor, name: 'Two-step supervisor', role: 'supervisor', password: PASSWORD }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  const newPage = async () => (await browser.newContext({ locale: 'en-GB', bypassCSP: true })).newPage();

  async function password(page: Page, app: 'admin' | 'console', email: string) {
    await page.goto(`${origin}/${app}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
  }

  /** Each step's screen gives the focus to what comes next, so it never falls back to the page. */
  const focused = (page: Page, id: string) => page.waitForFunction((expected) => document.activeElement?.id === expected, id);

  async function signOut(page: Page) {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();
  }

  it('enrols an authenticator app after the password, then signs in with a code from it', async () => {
    const page = await newPage();
    await password(page, 'admin', admin);
    await page.getByTestId('totp-start').waitFor();
    await focused(page, 'two-factor-setup-heading');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('totp-start').click();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32((await page.getByTestId('totp-secret').textContent()) ?? '') });
    await focused(page, 'totp-confirm-code');
    await page.getByTestId('totp-confirm-code').fill(totp.generate());
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    await focused(page, 'recovery-codes-heading');
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('recovery-codes-saved').click();
    await page.getByTestId('staff-table').waitFor();

    await signOut(page);
    await password(page, 'admin', admin);
    await focused(page, 'second-factor-code');
    await page.getByTestId('cancel-sign-in').click();
    await page.getByTestId('login-email').waitFor();
    await password(page, 'admin', admin);
    await page.getByTestId('second-factor-code').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('second-factor-code').fill('000000');
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('two-factor-error').waitFor();
    // The enrolment took this step's code; the next step's is accepted (the server allows one step of drift).
    await page.getByTestId('second-factor-code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByTestId('second-factor-submit').click();
    // The wrong code counted like a wrong password, and its owner is told.
    await page.getByTestId('failed-sign-ins').waitFor();
    await page.getByTestId('failed-sign-ins-continue').click();
    await page.getByTestId('staff-table').waitFor();
  });

  it('enrols a passkey on a virtual authenticator and signs in with it', async () => {
    const page = await newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await password(page, 'console', supervisor);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('recovery-codes-saved').click();
    await page.getByTestId('logout').waitFor();

    await signOut(page);
    await password(page, 'console', supervisor);
    await page.getByTestId('passkey-sign-in').click();
    await page.getByTestId('logout').waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.signCount).toBeGreaterThan(0);
  });
});
