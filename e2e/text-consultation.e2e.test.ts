/**
 * What a visitor and consultants do, in real Chromium against a real server process.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, chromiumAvailable, launchBrowser } from './support/browser';
import { addStaffUser, startServerProcess, type ServerProcess } from './support/server';

const PASSWORD = 'correct horse battery staple';

describe.skipIf(!chromiumAvailable)('text consultation in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffCount = 0;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', ...options });
    contexts.push(context);
    return context.newPage();
  }

  async function startAsVisitor(page: Page, options: { lang?: string; name?: string } = {}) {
    await page.goto(`${server.baseUrl}/?lang=${options.lang ?? 'en'}`);
    await page.getByTestId('status-open').waitFor();
    await page.getByTestId('topic-select').selectOption('work');
    if (options.name) await page.getByTestId('visitor-name').fill(options.name);
    await page.getByTestId('privacy-accept').check();
    await page.getByTestId('start-button').click();
    await page.getByTestId('message-input').waitFor();
  }

  async function signInConsultant(page: Page, name = `Consultant ${++staffCount}`) {
    const email = `consultant${staffCount}-${Date.now()}@example.org`;
    await addStaffUser(server.databaseUrl, { email, name, password: PASSWORD });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  }

  async function send(page: Page, text: string) {
    await page.getByTestId('message-input').fill(text);
    await page.getByTestId('send-button').click();
  }

  const message = (page: Page, text: string) => page.getByTestId('message-list').getByTestId('message').filter({ hasText: text });

  async function takeNewest(consultant: Page) {
    const item = consultant.getByTestId('queue-item').last();
    await item.waitFor();
    await item.getByTestId('take-button').click();
    await consultant.getByTestId('message-input').waitFor();
  }

  it('lets a visitor and a consultant talk both ways, and the visitor keeps the history across a reload', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);

    await send(visitor, 'I lost my job last week. What do I do?');
    await message(consultant, 'I lost my job last week').waitFor();
    await expect.poll(() => message(visitor, 'I lost my job').getAttribute('data-status')).toBe('delivered');

    await send(consultant, 'Notify the voivode within 15 working days.');
    await message(visitor, 'Notify the voivode within 15 working days.').waitFor();

    await visitor.reload();
    await message(visitor, 'I lost my job last week').waitFor();
    await message(visitor, 'Notify the voivode within 15 working days.').waitFor();
    const seqs = await visitor.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('sends a message typed while offline once the connection is back, exactly once', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await signInConsultant(consultant);
    await startAsVisitor(visitor);
    await takeNewest(consultant);

    await visitor.context().setOffline(true);
    await expect.poll(() => visitor.getByTestId('connection-state').getAttribute('data-state'), { timeout: 40_000 }).not.toBe('open');
    await send(visitor, 'Written without a connection');
    await expect.poll(() => message(visitor, 'Written without a connection').getAttribute('data-status')).toBe('sending');

    await visitor.context().setOffline(false);
    await expect.poll(() => message(visitor, 'Written without a connection').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    await message(consultant, 'Written without a connection').waitFor();
    await visitor.reload();
    await message(visitor, 'Written without a connection').waitFor();
    expect(await message(visitor, 'Written without a connection').count()).toBe(1);
    expect(await message(consultant, 'Written without a connection').count()).toBe(1);
  });

  it('gives a conversation to one of two consultants who take it at once, and tells the other', async () => {
    const visitor = await newPage();
    const [first, second] = [await newPage(), await newPage()];
    await signInConsultant(first);
    await signInConsultant(second);
    await startAsVisitor(visitor, { name: 'Race' });
    const items = [first, second].map((page) => page.getByTestId('queue-item').filter({ hasText: 'Race' }));
    await Promise.all(items.map((item) => item.waitFor()));

    await Promise.all(items.map((item) => item.getByTestId('take-button').click()));

    const outcome = async (page: Page) =>
      Promise.race([
        page.getByTestId('my-conversation').filter({ hasText: 'Race' }).waitFor().then(() => 'took'),
        page.getByTestId('console-error').waitFor().then(() => 'told'),
      ]);
    expect((await Promise.all([outcome(first), outcome(second)])).sort()).toEqual(['told', 'took']);
  });

  it('lets the visitor end the conversation and download the transcript', async () => {
    const visitor = await newPage({ acceptDownloads: true });
    await startAsVisitor(visitor, { lang: 'pl' });
    await send(visitor, 'Pytanie o kartę pobytu');
    await expect.poll(() => message(visitor, 'Pytanie o kartę pobytu').getAttribute('data-status')).toBe('delivered');

    const download = visitor.waitForEvent('download');
    await visitor.getByTestId('transcript-button').click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file!, 'utf8');
    expect(text).toContain('Zapis konsultacji');
    expect(text).toContain('Pytanie o kartę pobytu');

    await visitor.getByTestId('end-button').click();
    await visitor.getByTestId('end-confirm').click();
    await visitor.getByTestId('conversation-ended').waitFor();
  });

  it('follows the language choice in <html lang> and every visible text', async () => {
    const page = await newPage({ locale: 'uk-UA' });
    await page.goto(server.baseUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    await page.getByTestId('status-open').waitFor();
    await page.getByTestId('language-select').selectOption('ru');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ru');
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
    for (const language of UI_LANGUAGES) {
      it(`has no violations on the visitor page in ${language}, before and during a conversation`, async () => {
        const page = await newPage({ bypassCSP: true });
        await page.goto(`${server.baseUrl}/?lang=${language}`);
        await page.getByTestId('status-open').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('topic-select').selectOption('work');
        await page.getByTestId('privacy-accept').check();
        await page.getByTestId('start-button').click();
        await page.getByTestId('message-input').waitFor();
        await send(page, 'Hello');
        await message(page, 'Hello').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    it('has no violations on the visitor page at 360 px wide', async () => {
      const page = await newPage({ bypassCSP: true, viewport: { width: 360, height: 740 } });
      await page.goto(`${server.baseUrl}/?lang=en`);
      await page.getByTestId('status-open').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    it('has no violations on the console sign-in and desk', async () => {
      const page = await newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.baseUrl}/console/`);
      await page.getByTestId('login-email').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const visitor = await newPage();
      await startAsVisitor(visitor, { name: 'Axe' });
      await signInConsultant(page);
      await takeNewest(page);
      await send(page, 'Good morning');
      await message(page, 'Good morning').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
