/**
 * One real server and one Chromium per test file, with what visitors and consultants do in it,
 * shared by the end-to-end files. Call `setUpDesk()` inside a describe: it registers the hooks.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { launchBrowser } from './browser';
import { addStaffUser, startServerProcess, type ServerProcess } from './server';

export const PASSWORD = 'correct horse battery staple';

type ContextOptions = Parameters<Browser['newContext']>[0];

export interface StartOptions {
  lang?: string;
  name?: string;
}

export function setUpDesk(env: Record<string, string> = {}, browserFlags: readonly string[] = []) {
  let server: ServerProcess;
  let browser: Browser;
  let staffCount = 0;

  beforeAll(async () => {
    server = await startServerProcess(env);
    browser = await launchBrowser(browserFlags);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(options: ContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', ...options });
    return context.newPage();
  }

  async function openVisitor(page: Page, lang = 'en') {
    await page.goto(`${server.baseUrl}/?lang=${lang}`);
    await page.getByTestId('status-open').waitFor();
  }

  async function startAsVisitor(page: Page, options: StartOptions = {}) {
    await openVisitor(page, options.lang);
    await page.getByTestId('topic-select').selectOption('work');
    if (options.name) await page.getByTestId('visitor-name').fill(options.name);
    await page.getByTestId('privacy-accept').check();
    await page.getByTestId('start-button').click();
    await page.getByTestId('message-input').waitFor();
  }

  /**
   * A new staff account (a consultant unless `role` says otherwise, speaking Polish and English
   * unless `languages`, comma-separated, says otherwise); the name says who they are in the test.
   * Returns the e-mail.
   */
  async function createConsultant(name?: string, role?: string, languages?: string): Promise<string> {
    const number = ++staffCount;
    const email = `consultant${number}-${Date.now()}@example.org`;
    await addStaffUser(server.databaseUrl, { email, name: name ?? `Consultant ${number}`, password: PASSWORD, ...(role && { role }), ...(languages && { languages }) });
    return email;
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  }

  async function signInConsultant(page: Page, name?: string, role?: string, languages?: string): Promise<string> {
    const email = await createConsultant(name, role, languages);
    await signIn(page, email);
    return email;
  }

  /** A visitor who started a conversation and a consultant who took it, each in a fresh browser. */
  /** `visitorPage` e.g. `{ bypassCSP: true }` for axe on the visitor's page. */
  async function conversationInProgress(options: StartOptions = {}, visitorPage: ContextOptions = {}): Promise<{ visitor: Page; consultant: Page }> {
    const visitor = await newPage(visitorPage);
    const consultant = await newPage();
    await signInConsultant(consultant);
    await startAsVisitor(visitor, options);
    await takeNewest(consultant);
    return { visitor, consultant };
  }

  return {
    get server() {
      return server;
    },
    newPage,
    openVisitor,
    startAsVisitor,
    createConsultant,
    signInConsultant,
    conversationInProgress,
  };
}

export interface MailingDesk {
  smtp: TestSmtpServer;
  server: ServerProcess;
  browser: Browser;
}

/**
 * A server process that sends its mail to a real SMTP server on loopback, and one Chromium, for
 * the enclosing describe. Call the returned function inside tests or in hooks registered after it.
 */
export function setUpMailingDesk(env: Record<string, string>): () => MailingDesk {
  let smtp: TestSmtpServer | undefined;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startServerProcess({ ...env, SMTP_URL: smtp.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });
  return () => {
    if (!smtp || !server || !browser) throw new Error('the mailing desk has not started');
    return { smtp, server, browser };
  };
}

export async function send(page: Page, text: string) {
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('send-button').click();
}

export const message = (page: Page, text: string) =>
  page.getByTestId('message-list').getByTestId('message').filter({ hasText: text });

export async function takeNewest(consultant: Page) {
  const item = consultant.getByTestId('queue-item').last();
  await item.waitFor();
  await item.getByTestId('take-button').click();
  await consultant.getByTestId('message-input').waitFor();
}
