/**
 * The thread of a left message in real Chromium, with a real SMTP server on loopback: after the
 * consultant's answer the visitor replies on the private page with a file, the consultant sees the
 * reply in the console's inbox and answers again, the answer arrives by e-mail and on the page.
 * Then every new state of the thread (the reply form, a refused empty reply, a sent reply, a closed
 * message) is axe-clean in every visitor language. Closed by config: the service starts in 2030.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import type { LeaveMessageResponse, StaffLeftMessage } from '../src/shared/protocol';
import { pdf } from '../test/fixtures/files/make';
import type { TestSmtpServer } from '../test/support/smtp';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpMailingDesk } from './support/desk';
import { addStaffUser, type ServerProcess } from './support/server';

const PUBLIC_URL = 'https://konsultant.urzad.example';
const STAFF_EMAIL = 'anna.thread@example.org';
/** Every language in turn and two answers each: more than the default minute on two shared cores. */
const ALL_LANGUAGES_DEADLINE_MS = 240_000;

describeInChromium('the thread of a left message', () => {
  const desk = setUpMailingDesk({
    PUBLIC_URL,
    OFFICE_HOURS: 'mon-fri 11:00-14:00',
    SERVICE_START: '2030-01-07',
    LANGUAGES: UI_LANGUAGES.join(','),
    LEFT_MESSAGES_PER_HOUR: '1000',
    // Every language's thread mails the same visitor address; the daily cap (test/security) is not the subject here.
    MAILS_PER_RECIPIENT_PER_DAY: '1000',
  });
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let browser: Browser;
  let cookie: string;
  beforeAll(async () => {
    ({ smtp, server, browser } = desk());
    // A supervisor: the axe test leaves a message in every visitor language, and a consultant reads only their own languages'.
    await addStaffUser(server.databaseUrl, { email: STAFF_EMAIL, name: 'Anna Nowak', password: PASSWORD, role: 'supervisor' });
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: STAFF_EMAIL, password: PASSWORD }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, ...options });
    return context.newPage();
  }

  /** A message left in `language` (through the API: the form has its own test); its token and reference. */
  async function leave(language: string, body: string): Promise<LeaveMessageResponse> {
    const response = await fetch(`${server.baseUrl}/api/left-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language, topic: 'residence_card', body, email: 'visitor@example.org', consent: true }),
    });
    expect(response.status).toBe(201);
    await smtp.nextMail(); // the confirmation
    return response.json() as Promise<LeaveMessageResponse>;
  }

  async function inboxId(reference: string): Promise<string> {
    const list = (await (await fetch(`${server.baseUrl}/api/inbox`, { headers: { cookie } })).json()) as { messages: StaffLeftMessage[] };
    return list.messages.find((message) => message.reference === reference)!.id;
  }

  const staffPost = (path: string, payload?: unknown) =>
    fetch(`${server.baseUrl}/api/inbox${path}`, {
      method: 'POST',
      headers: payload === undefined ? { cookie } : { cookie, 'content-type': 'application/json' },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });

  it('goes both ways: the visitor replies with a file on the private page, the consultant answers again from the inbox', async () => {
    const { token, reference } = await leave('en', 'When can I collect my residence card?');

    const consultant = await newPage({ locale: 'en-GB' });
    await consultant.goto(`${server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill(STAFF_EMAIL);
    await consultant.getByTestId('login-password').fill(PASSWORD);
    await consultant.getByTestId('login-submit').click();
    await consultant.getByTestId('logout').waitFor();
    await consultant.getByTestId('view-inbox').click();
    await consultant.locator(`[data-testid="inbox-item"][data-reference="${reference}"]`).click();
    await consultant.getByTestId('inbox-answer-text').fill('From Monday, in room 12.');
    await consultant.getByTestId('inbox-send').click();
    await expect.poll(() => consultant.getByTestId('inbox-detail').getAttribute('data-status')).toBe('answered');
    await smtp.nextMail(); // the first answer

    const visitor = await newPage({ timezoneId: 'Asia/Kolkata', locale: 'en-IN', viewport: { width: 360, height: 740 } });
    await visitor.goto(`${server.baseUrl}/message?lang=en#${token}`);
    await visitor.getByTestId('lm-reply-form').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('lm-reply-body').fill('Do I need to bring the old card too?');
    await visitor.getByTestId('attach-input').setInputFiles({ name: 'old-card.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await visitor.getByTestId('lm-reply-submit').click();
    await visitor.getByTestId('lm-reply-sent').waitFor();
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lm-reply-sent');
    const reply = visitor.getByTestId('lm-reply');
    expect(await reply.count()).toBe(1);
    expect(await reply.getAttribute('data-author')).toBe('visitor');
    expect(await reply.innerText()).toContain('Do I need to bring the old card too?');
    expect(await reply.getByTestId('file-list').innerText()).toContain('old-card.pdf');
    expect(await visitor.getByTestId('left-message').getAttribute('data-status')).toBe('new');
    expect(await visitor.getByTestId('lm-reply-body').inputValue()).toBe('');
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The inbox has it among the new ones again, the whole thread in the detail.
    await consultant.reload();
    await consultant.getByTestId('view-inbox').click();
    const item = consultant.locator(`[data-testid="inbox-item"][data-reference="${reference}"]`);
    expect(await item.innerText()).toContain('new reply');
    await item.click();
    const thread = consultant.getByTestId('inbox-thread');
    expect(await thread.innerText()).toContain('Do I need to bring the old card too?');
    expect(await thread.getByTestId('file-list').innerText()).toContain('old-card.pdf');
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByTestId('inbox-answer-text').fill('Yes, please bring the old card.');
    await consultant.getByTestId('inbox-send').click();
    await expect.poll(() => consultant.getByTestId('inbox-detail').getAttribute('data-status')).toBe('answered');
    expect(await consultant.getByTestId('inbox-reply').last().innerText()).toContain('Anna Nowak');
    expect(await axeViolations(consultant)).toEqual([]);

    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['visitor@example.org']);
    expect(mail.subject).toBe(`Answer to your message (${reference})`);
    expect(mail.text).toContain('> Yes, please bring the old card.');

    await visitor.reload();
    await visitor.getByTestId('lm-thread').waitFor();
    const replies = visitor.getByTestId('lm-reply');
    expect(await replies.count()).toBe(2);
    expect(await replies.nth(1).getAttribute('data-author')).toBe('staff');
    expect(await replies.nth(1).innerText()).toContain('Yes, please bring the old card.');
    expect(await replies.nth(1).innerText()).not.toContain('Anna Nowak');
    expect(await axeViolations(visitor)).toEqual([]);
  });

  it('is axe-clean in every visitor language: the reply form, a refused empty reply, a sent reply, a closed message', { timeout: ALL_LANGUAGES_DEADLINE_MS }, async () => {
    for (const language of UI_LANGUAGES) {
      const { token, reference } = await leave(language, `A question (${language})`);
      const id = await inboxId(reference);
      expect((await staffPost(`/${id}/answer`, { answer: `An answer (${language})` })).status).toBe(200);
      expect((await smtp.nextMail()).language).toBe(language);

      const page = await newPage({ locale: language });
      await page.goto(`${server.baseUrl}/message?lang=${language}#${token}`);
      await page.getByTestId('lm-reply-form').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      expect(await axeViolations(page), language).toEqual([]);

      await page.getByTestId('lm-reply-submit').click();
      expect(await page.getByTestId('lm-reply-body').getAttribute('aria-invalid'), language).toBe('true');
      expect(await axeViolations(page), language).toEqual([]);

      await page.getByTestId('lm-reply-body').fill(`A reply (${language})`);
      await page.getByTestId('lm-reply-submit').click();
      await page.getByTestId('lm-reply-sent').waitFor();
      expect(await axeViolations(page), language).toEqual([]);

      expect((await staffPost(`/${id}/close`)).status).toBe(200);
      await page.reload();
      await page.getByTestId('lm-thread-closed').waitFor();
      expect(await page.getByTestId('lm-reply-form').count()).toBe(0);
      expect(await axeViolations(page), language).toEqual([]);
      await page.context().close();
    }
  });
});
