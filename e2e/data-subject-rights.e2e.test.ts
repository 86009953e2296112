/**
 * Data-subject rights in real Chromium: the visitor deletes their left message from its private
 * page (asked first); an admin finds a person's data by e-mail and exports it, removes one message
 * of a conversation (the marker stays) and erases the rest. Each new state axe-clean.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { beforeAll, expect, it } from 'vitest';
import type { LeaveMessageResponse, StartConversationResponse } from '../src/shared/protocol';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpMailingDesk } from './support/desk';
import { addStaffUser, ALWAYS_OPEN, type ServerProcess } from './support/server';

const ADMIN_EMAIL = 'admin.privacy@example.org';
const VISITOR_EMAIL = 'olena.privacy@example.org';

describeInChromium('data-subject rights', () => {
  const desk = setUpMailingDesk({ ...ALWAYS_OPEN, LEFT_MESSAGES_PER_HOUR: '1000', MAILS_PER_RECIPIENT_PER_DAY: '1000' });
  let server: ServerProcess;
  beforeAll(async () => {
    server = desk().server;
    await addStaffUser(server.databaseUrl, { email: ADMIN_EMAIL, name: 'Admin Ala', password: PASSWORD, role: 'admin' });
  });

  const newPage = async (): Promise<Page> => (await desk().browser.newContext({ bypassCSP: true, locale: 'en-GB', acceptDownloads: true })).newPage();

  async function leave(body: string): Promise<LeaveMessageResponse> {
    const response = await fetch(`${server.baseUrl}/api/left-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en', topic: 'work', body, email: VISITOR_EMAIL, consent: true }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as LeaveMessageResponse;
  }

  /** A conversation the visitor wrote one message in and ended: its case code, as the visitor would tell it. */
  async function endedConversation(text: string): Promise<string> {
    const started = await fetch(`${server.baseUrl}/api/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en', topic: 'work', privacyAccepted: true }),
    });
    const { token } = (await started.json()) as StartConversationResponse;
    const socket = new WebSocket(server.baseUrl.replace('http', 'ws') + '/ws');
    const frames: { type: string; conversation?: { status: string } }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as (typeof frames)[number]));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'visitor.hello', token, lastSeq: 0 }));
    socket.send(JSON.stringify({ type: 'message.send', clientId: crypto.randomUUID(), body: text }));
    await expect.poll(() => frames.some((frame) => frame.type === 'ack')).toBe(true);
    const issued = await fetch(`${server.baseUrl}/api/conversations/current/case-code`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { code } = (await issued.json()) as { code: string };
    socket.send(JSON.stringify({ type: 'conversation.end' }));
    await expect.poll(() => frames.some((frame) => frame.conversation?.status === 'closed')).toBe(true);
    socket.close();
    return code;
  }

  it('lets the visitor delete their left message, and an admin find, export, redact and erase a person’s data', async () => {
    const deleted = await leave('Please delete me.');
    const kept = await leave('My card number is 123.');
    const caseCode = await endedConversation('My passport number is AB123.');

    // The visitor deletes one message from its private page.
    const visitor = await newPage();
    await visitor.goto(`${server.baseUrl}/message#${deleted.token}`);
    await visitor.getByTestId('left-message').waitFor();
    await visitor.getByTestId('delete-left-message-button').click();
    await visitor.getByTestId('delete-left-message-confirm').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('delete-left-message-confirm').click();
    await visitor.getByTestId('left-message-deleted').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    // The admin finds what is left under the address and exports it.
    const admin = await newPage();
    await admin.goto(`${server.baseUrl}/admin/#/privacy`);
    await admin.getByTestId('login-email').fill(ADMIN_EMAIL);
    await admin.getByTestId('login-password').fill(PASSWORD);
    await admin.getByTestId('login-password').press('Enter');
    await admin.getByTestId('privacy-key').fill(VISITOR_EMAIL);
    await admin.getByTestId('privacy-find').click();
    await admin.getByTestId('privacy-left-message').waitFor();
    expect(await admin.getByTestId('privacy-left-message').count()).toBe(1);
    expect(await admin.getByTestId('privacy-found').textContent()).toContain(kept.reference);
    expect(await axeViolations(admin)).toEqual([]);
    const download = admin.waitForEvent('download');
    await admin.getByTestId('privacy-export').click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { leftMessages: { body: string }[] };
    expect(exported.leftMessages.map((message) => message.body)).toEqual(['My card number is 123.']);

    // The conversation: one message's text removed, the marker stays; then everything erased.
    await admin.getByTestId('privacy-key').fill(caseCode);
    await admin.getByTestId('privacy-find').click();
    await admin.getByTestId('privacy-conversation').waitFor();
    await admin.getByTestId('privacy-redact').first().click();
    await admin.getByTestId('privacy-redact-confirm').click();
    await admin.getByTestId('privacy-message').filter({ hasText: 'Message removed by the office.' }).waitFor();
    expect(await admin.getByTestId('privacy-conversation').textContent()).not.toContain('AB123');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByTestId('privacy-erase').click();
    await admin.getByTestId('privacy-erase-confirm').click();
    await admin.getByTestId('privacy-found').waitFor({ state: 'detached' });
    await admin.getByTestId('privacy-key').fill(caseCode);
    await admin.getByTestId('privacy-find').click();
    await admin.getByTestId('privacy-nothing').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
  });
});
