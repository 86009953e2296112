/**
 * The office's own desk in real Chromium: an admin writes the office's profile in /admin and the
 * visitor page, its title, the e-mails (a real SMTP server on loopback) and the transcript name
 * the office; a brand colour with poor contrast is refused with its ratio; the accessibility
 * statement, the easy-to-read and privacy pages and the visitor footer are axe-clean in every
 * language; the skip link works by keyboard; ?topic= preselects; the QR code reads back as the
 * link and the printed poster carries it; link previews per language; and no page asks any other
 * origin for anything.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import type { TestSmtpServer } from '../test/support/smtp';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk, setUpMailingDesk } from './support/desk';
import { addStaffUser, type ServerProcess } from './support/server';

const OFFICE = 'Mazovia Voivodeship Office';
const DEPARTMENT = 'Foreigners’ Department';

describeInChromium('the office’s own desk', () => {
  // Every interface language offered, so each one's pages are checked.
  const desk = setUpMailingDesk({ LANGUAGES: UI_LANGUAGES.join(',') });
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(() => {
    ({ smtp, server, browser } = desk());
  });

  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true, ...options });
    return context.newPage();
  }

  async function signInToAdmin(page: Page, section: string) {
    const email = `admin-${Date.now()}@example.org`;
    await addStaffUser(server.databaseUrl, { email, name: 'Admin Anna', password: PASSWORD, role: 'admin' });
    await page.goto(`${server.baseUrl}/admin/#/${section}`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('logout').waitFor();
  }

  it('an admin’s profile names the visitor page, its title, the e-mail and the transcript; a poor-contrast colour is refused', async () => {
    const admin = await newPage();
    await signInToAdmin(admin, 'office');
    // The console and /admin link their own short accessibility statement.
    expect(await admin.getByRole('link', { name: 'Accessibility' }).getAttribute('href')).toBe('/accessibility/staff?lang=en');
    const form = admin.getByTestId('office-form');
    await form.waitFor();
    await form.getByLabel('Language of the texts').selectOption('en');
    await form.getByLabel('Office name').fill(OFFICE);
    await form.getByLabel('Department name').fill(DEPARTMENT);
    await form.getByLabel('E-mail address').fill('foreigners@example.gov.pl');
    await form.getByTestId('office-colour').fill('#2e8b57');
    expect(await admin.getByTestId('office-colour-contrast').innerText()).toContain('only 4.24:1');
    await form.getByTestId('office-save').click();
    await form.getByRole('alert').filter({ hasText: 'below the 4.5:1' }).waitFor();
    await form.getByTestId('office-colour').fill('#0b4f9c');
    expect(await admin.getByTestId('office-colour-contrast').innerText()).toContain('accepted');
    await form.getByTestId('office-save').click();
    await admin.getByTestId('announcer').filter({ hasText: 'Saved.' }).waitFor({ state: 'attached' });
    expect(await axeViolations(admin)).toEqual([]);

    const visitor = await newPage({ acceptDownloads: true });
    await visitor.goto(`${server.baseUrl}/?lang=en`);
    await expect.poll(() => visitor.getByTestId('office-name').innerText()).toBe(`${DEPARTMENT} — ${OFFICE}`);
    expect(await visitor.title()).toBe(`${DEPARTMENT} — ${OFFICE}`);
    expect(await visitor.getByTestId('site-footer').innerText()).toContain('foreigners@example.gov.pl');
    await visitor.getByTestId('privacy-points').evaluate((list) => (list.parentElement as HTMLDetailsElement).setAttribute('open', ''));
    expect(await visitor.getByTestId('privacy-points').innerText()).toContain(`Controller: ${OFFICE}.`);

    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();
    await visitor.getByTestId('message-input').waitFor();
    const download = visitor.waitForEvent('download');
    await visitor.getByTestId('transcript-button').click();
    expect(readFileSync((await (await download).path())!, 'utf8')).toContain(`${DEPARTMENT}, ${OFFICE}`);

    const left = await visitor.evaluate(async () => {
      const body = { language: 'en', topic: 'work', body: 'Where do I apply?', email: 'amara@example.org', consent: true };
      const response = await fetch('/api/left-messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return response.status;
    });
    expect(left).toBe(201);
    expect((await smtp.nextMail(15_000)).text).toContain(`${DEPARTMENT}, ${OFFICE}`);
  });

  it.each(UI_LANGUAGES)('in %s: the footer, the statement, the easy-to-read and the privacy pages are axe-clean; the skip link works by keyboard', async (language) => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/?lang=${language}`);
    await page.getByTestId('site-footer').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    const footerLinks = await page.getByTestId('site-footer').locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(footerLinks).toEqual([`/accessibility?lang=${language}`, `/privacy?lang=${language}`, `/easy-read?lang=${language}`]);
    for (const path of [...footerLinks, `/accessibility/staff?lang=${language}`]) {
      await page.goto(`${server.baseUrl}${path}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    }
  });

  it('?topic= preselects the topic, and each language gets its own link preview', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/?lang=uk&topic=work`);
    await expect.poll(() => page.getByTestId('topic-select').inputValue()).toBe('work');
    for (const language of UI_LANGUAGES) {
      const html = await (await fetch(`${server.baseUrl}/?lang=${language}`)).text();
      expect(html).toContain(`<meta property="og:url" content="`);
      expect(html).toMatch(new RegExp(`<meta property="og:url" content="[^"]+/\\?lang=${language}">`));
      expect(html).toMatch(/<meta name="twitter:card" content="summary">/);
    }
    const polish = await (await fetch(`${server.baseUrl}/?lang=pl`)).text();
    expect(polish).toContain('nie udziela porad prawnych');
  });

  it('makes a QR code that reads back as the link, and a poster that prints with it', async () => {
    const admin = await newPage();
    await signInToAdmin(admin, 'links');
    await admin.getByLabel('Language of the page').selectOption('uk');
    await admin.getByLabel('Topic preselected').selectOption('work');
    expect(await admin.getByTestId('link-result').inputValue()).toBe(`${new URL(admin.url()).origin}/?lang=uk&topic=work`);
    expect(await axeViolations(admin)).toEqual([]);

    const png = await admin.request.get(`${server.baseUrl}${await admin.getByTestId('qr-png').getAttribute('href')}`);
    const { data, info } = await sharp(await png.body()).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toMatch(/\/\?lang=uk&topic=work$/);

    const poster = await newPage();
    await poster.goto(`${server.baseUrl}${await admin.getByTestId('poster-link').getAttribute('href')}`);
    await poster.emulateMedia({ media: 'print' });
    const printed = await poster.locator('.poster-qr svg').screenshot();
    const shot = await sharp(printed).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(shot.data), shot.info.width, shot.info.height)?.data).toMatch(/\/\?lang=uk&topic=work$/);
    const pdf = (await poster.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    // One line per language the desk offers (here all ten), each in its own language, still on one A4 page.
    const asks = await poster.locator('.poster-languages li').allInnerTexts();
    expect(asks.slice(0, 4)).toEqual(['Zapytaj po polsku', 'Ask in English', 'Запитайте українською', 'Спросите по-русски']);
    expect(asks).toHaveLength(UI_LANGUAGES.length);
  });

  it('makes no request to any other origin: the visitor page, a conversation and the office’s pages', async () => {
    const page = await newPage({ bypassCSP: false });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.baseUrl}/?lang=en`);
    await page.getByTestId('topic-select').selectOption('work');
    await page.getByTestId('privacy-accept').check();
    await page.getByTestId('start-button').click();
    await page.getByTestId('message-input').waitFor();
    for (const path of ['/accessibility', '/easy-read', '/privacy', '/poster']) await page.goto(`${server.baseUrl}${path}?lang=en`);
    const origin = new URL(server.baseUrl).origin;
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
  });
});

describeInChromium('the desk after its service period', () => {
  const desk = setUpDesk({ SERVICE_START: '2020-01-01', SERVICE_END: '2020-12-31' });

  it('shows the office’s "where to go now" text and contacts instead of a dead end', async () => {
    const page = await desk.newPage({ bypassCSP: true });
    await page.goto(`${desk.server.baseUrl}/?lang=en`);
    const after = page.getByTestId('after-service');
    await after.waitFor();
    expect(await after.innerText()).toContain('This online desk has finished its service.');
    expect(await page.getByTestId('topic-select').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
