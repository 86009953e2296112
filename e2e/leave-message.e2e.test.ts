/**
 * Leaving a message while the desk is closed, seen from Kolkata: the visitor leaves it in English
 * and gets a reference and a confirmation e-mail (a real SMTP server on loopback); a consultant
 * answers it from the console's inbox; the answer arrives by e-mail and on the private page.
 * Closed by config, never by the time of day: the service period starts on 7 January 2030.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { html, pdf } from '../test/fixtures/files/make';
import type { TestSmtpServer } from '../test/support/smtp';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpMailingDesk } from './support/desk';
import { addStaffUser, type ServerProcess } from './support/server';

/** The address the office publishes; the test server's own port differs, so links are followed by path. */
const PUBLIC_URL = 'https://konsultant.urzad.example';
const VISITOR_EMAIL = 'amara.visitor@example.org';
const QUESTION = 'My residence card expires next month. Can I still travel to Germany?';
const ANSWER = 'Yes, with the confirmation that you have applied.\nBring your passport.';

describeInChromium('leaving a message while the desk is closed', () => {
  const desk = setUpMailingDesk({ PUBLIC_URL, OFFICE_HOURS: 'mon-fri 11:00-14:00', SERVICE_START: '2030-01-07' });
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(() => {
    ({ smtp, server, browser } = desk());
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, ...options });
    return context.newPage();
  }

  it('gives a reference and a confirmation; the consultant’s answer reaches the private page and the mailbox', async () => {
    const visitor = await newPage({ timezoneId: 'Asia/Kolkata', locale: 'en-IN', viewport: { width: 360, height: 740 } });
    await visitor.goto(`${server.baseUrl}/?lang=en`);
    await visitor.getByTestId('status-closed').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('leave-message-open').click();
    await visitor.getByTestId('lm-topic').waitFor();
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.id)).toBe('lm-topic');
    await visitor.getByTestId('lm-submit').click(); // empty: each field says what is missing
    expect(await visitor.getByTestId('lm-topic').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('lm-topic').selectOption('residence_card');
    await visitor.getByTestId('lm-language').selectOption('en');
    await visitor.getByTestId('lm-body').fill(QUESTION);
    await visitor.getByTestId('lm-email').fill(VISITOR_EMAIL);
    await visitor.getByTestId('attach-input').setInputFiles({ name: 'page.png', mimeType: 'text/html', buffer: html });
    expect(await visitor.getByTestId('lm-file-error').innerText()).toContain('cannot be sent');
    await visitor.getByTestId('attach-input').setInputFiles({ name: 'wniosek.pdf', mimeType: 'application/pdf', buffer: pdf() });
    expect(await visitor.getByTestId('lm-file').innerText()).toContain('wniosek.pdf');
    await visitor.getByTestId('lm-consent').check();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('lm-submit').click();
    const reference = (await visitor.getByTestId('lm-reference').innerText()).trim();
    expect(reference).toMatch(/^EK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    // With SMTP the e-mail is the way back: the promise stays, no link to keep.
    expect(await visitor.getByTestId('lm-sent').innerText()).toContain(`We will send a confirmation and the answer to ${VISITOR_EMAIL}.`);
    expect(await visitor.getByTestId('lm-keep-link').count()).toBe(0);
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const confirmation = await smtp.nextMail();
    expect(confirmation.to).toEqual([VISITOR_EMAIL]);
    expect(confirmation.language).toBe('en');
    expect(confirmation.text).toContain(reference);
    expect(confirmation.subject).not.toContain('amara');
    const token = new RegExp(`${PUBLIC_URL}/message\\?lang=en#([A-Za-z0-9_-]+)`).exec(confirmation.text)?.[1];
    expect(token).toBeDefined();
    expect(await visitor.getByTestId('lm-private-link').getAttribute('href')).toBe(`/message#${token}`);

    await visitor.goto(`${server.baseUrl}/message?lang=en#${token}`);
    await visitor.getByTestId('left-message').waitFor();
    expect(await visitor.getByTestId('left-message-reference').innerText()).toBe(reference);
    expect(await visitor.getByTestId('left-message').getAttribute('data-status')).toBe('new');
    expect(await visitor.getByTestId('file-list').innerText()).toContain('wniosek.pdf');
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const consultant = await newPage({ locale: 'en-GB' });
    const email = `inbox-${Date.now()}@example.org`;
    await addStaffUser(server.databaseUrl, { email, name: 'Anna Nowak', password: PASSWORD });
    await consultant.goto(`${server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill(email);
    await consultant.getByTestId('login-password').fill(PASSWORD);
    await consultant.getByTestId('login-submit').click();
    await consultant.getByTestId('logout').waitFor();
    await expect.poll(() => consultant.getByTestId('inbox-new-count').innerText()).toBe('1');

    await consultant.getByTestId('view-inbox').click();
    await consultant.locator(`[data-testid="inbox-item"][data-reference="${reference}"]`).click();
    expect(await consultant.getByTestId('inbox-body').innerText()).toBe(QUESTION);
    const download = consultant.waitForEvent('download');
    await consultant.getByTestId('attachment-download').filter({ hasText: 'wniosek.pdf' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('wniosek.pdf');
    expect(readFileSync((await saved.path())!)).toEqual(pdf());
    expect(await axeViolations(consultant)).toEqual([]);
    expect(await consultant.getByTestId('inbox-answer-hint').innerText()).toContain('It is e-mailed to the visitor');
    await consultant.getByTestId('inbox-answer-text').fill(ANSWER);
    await consultant.getByTestId('inbox-send').click();
    await expect.poll(() => consultant.getByTestId('inbox-detail').getAttribute('data-status')).toBe('answered');
    expect(await consultant.getByTestId('inbox-answer').innerText()).toBe(ANSWER);
    await expect.poll(() => consultant.getByTestId('inbox-new-count').count()).toBe(0);
    expect(await axeViolations(consultant)).toEqual([]);

    const answer = await smtp.nextMail();
    expect(answer.to).toEqual([VISITOR_EMAIL]);
    expect(answer.language).toBe('en');
    expect(answer.text).toContain('> Bring your passport.');

    await visitor.reload();
    await visitor.getByTestId('left-message').waitFor();
    expect(await visitor.getByTestId('left-message').getAttribute('data-status')).toBe('answered');
    expect(await visitor.getByTestId('left-message-answer').innerText()).toContain('Bring your passport.');
    expect(await axeViolations(visitor)).toEqual([]);
  });

  it('says so when the private link is not valid', async () => {
    const visitor = await newPage({ timezoneId: 'Asia/Kolkata', locale: 'en-IN' });
    await visitor.goto(`${server.baseUrl}/message?lang=en#${'x'.repeat(43)}`);
    await visitor.getByTestId('message-page-error').waitFor();
    expect(await visitor.getByTestId('message-page-error').innerText()).toContain('could not be found');
    expect(await axeViolations(visitor)).toEqual([]);
  });
});
