/**
 * On a very slow connection (2G: 50 kbps, 2 s round trips) the visitor page takes many seconds to
 * load its scripts. Meanwhile the page is never blank: the HTML shell says it is loading and,
 * after a few seconds, that the connection is slow; then the start form replaces both.
 */
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('the visitor page on a slow connection', () => {
  const desk = setUpDesk();

  it('says the connection is slow while the page loads, then shows the start form', async () => {
    const page = await desk.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2_000, downloadThroughput: 50_000 / 8, uploadThroughput: 50_000 / 8 });

    await page.goto(`${desk.server.baseUrl}/`, { waitUntil: 'commit' });
    const slow = page.getByTestId('boot-slow');
    // Hidden for the first seconds once the stylesheet is in (a fast load never shows it) …
    await slow.waitFor({ state: 'hidden', timeout: 30_000 });
    // … then shown while the scripts are still on their way.
    await slow.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(slow.textContent()).resolves.toContain('Slow connection');
    expect(await page.getByTestId('start-button').count()).toBe(0);

    await page.getByTestId('start-button').waitFor({ timeout: 90_000 });
    expect(await slow.count()).toBe(0);
  }, 150_000);
});
