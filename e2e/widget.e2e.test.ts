/**
 * The embeddable widget in real Chromium: a host page on another loopback origin, with a strict
 * CSP of its own, loads widget.js; its launcher says the desk is open and opens the visitor page in
 * a panel, where a visitor chats with a consultant; the conversation survives the host page being
 * reloaded; the widget sets no cookie. A site not in EMBED_ORIGINS gets the launcher but the
 * desk refuses to be framed there (CSP frame-ancestors).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

/** An office's own site: one page with the widget's script tag, under a strict CSP that allows only the desk. */
async function hostSite(desk: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    const origin = desk();
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${origin}; connect-src ${origin}; frame-src ${origin}; style-src 'none'`,
    });
    response.end(
      `<!doctype html><html lang="en"><head><title>Office site</title></head><body><h1>Office site</h1>` +
        `<script src="${origin}/widget.js" async data-lang="en" data-topic="work"></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let deskOrigin = '';
const listed = await hostSite(() => deskOrigin);
const stranger = await hostSite(() => deskOrigin);

describeInChromium('the widget on the office’s own site', () => {
  const desk = setUpDesk({ EMBED_ORIGINS: listed.origin });
  afterAll(() => {
    listed.server.close();
    stranger.server.close();
  });

  async function openHost(page: Page, origin: string) {
    deskOrigin = desk.server.baseUrl;
    await page.goto(`${origin}/`);
    await page.locator('e-konsultant-desk button[data-state]').waitFor();
  }

  it('opens the desk in a panel where a visitor chats with a consultant, across a reload of the host page, without cookies', async () => {
    const visitor = await desk.newPage();
    const requested: string[] = [];
    visitor.on('request', (request) => requested.push(new URL(request.url()).origin));
    await openHost(visitor, listed.origin);
    const launcher = visitor.locator('e-konsultant-desk button[data-state]');
    expect(await launcher.getAttribute('data-state')).toBe('open');
    expect(await launcher.innerText()).toContain('Ask us — open now');
    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');

    const frame = visitor.frameLocator('e-konsultant-desk iframe');
    await frame.getByTestId('status-open').waitFor();
    expect(await frame.getByTestId('topic-select').inputValue()).toBe('work');
    await frame.getByTestId('privacy-accept').check();
    await frame.getByTestId('start-button').click();
    await frame.getByTestId('message-input').fill('Hello from the office site');
    await frame.getByTestId('send-button').click();

    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant);
    await takeNewest(consultant);
    await message(consultant, 'Hello from the office site').waitFor();
    await send(consultant, 'Hello, how can I help?');
    await frame.getByTestId('message-list').getByText('Hello, how can I help?').waitFor();

    await visitor.reload();
    await visitor.locator('e-konsultant-desk button[data-state]').click();
    await visitor.frameLocator('e-konsultant-desk iframe').getByTestId('message-list').getByText('Hello, how can I help?').waitFor();

    expect(await visitor.context().cookies()).toEqual([]);
    expect([...new Set(requested)].sort()).toEqual([listed.origin, new URL(desk.server.baseUrl).origin].sort());
  });

  it('is refused by the desk on a site not in EMBED_ORIGINS', async () => {
    const page = await desk.newPage();
    const refusals: string[] = [];
    page.on('console', (entry) => {
      if (entry.text().includes('frame-ancestors')) refusals.push(entry.text());
    });
    await openHost(page, stranger.origin);
    await page.locator('e-konsultant-desk button[data-state]').click();
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const framed = page.frames().find((frame) => frame.url().startsWith(desk.server.baseUrl));
    expect(await framed?.locator('#app').count().catch(() => 0)).toBeFalsy();
  });
});
