/**
 * The consultant's console in real Chromium: an offer is listed once, as its visitor's item in the
 * waiting list, counting down the seconds left and announced once; a visitor's call request is a
 * banner with "Call now" (voice, video) and "Not now", and "Not now" tells the visitor politely.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { MEDIA_FLAGS, axeViolations, describeInChromium } from './support/browser';
import { message, setUpDesk } from './support/desk';

const WITH_MEDIA = { permissions: ['camera', 'microphone'], bypassCSP: true };

/** Everything the offers' live region says from now on, one entry per change. */
async function recordOfferAnnouncements(page: Page) {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="offer-announcer"]')!;
    const said: string[] = [];
    Object.assign(window, { offerAnnouncements: said });
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { offerAnnouncements: string[] }).offerAnnouncements);
}

describeInChromium('offers and call requests in the console', () => {
  const { newPage, startAsVisitor, signInConsultant } = setUpDesk({ ROUTING_OFFER_TIMEOUT_SECONDS: '60' }, MEDIA_FLAGS);

  it('shows an offer once, with the seconds left going down, and announces it once', async () => {
    const consultant = await newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await signInConsultant(consultant, 'Olga');
    const announcements = await recordOfferAnnouncements(consultant);

    const visitor = await newPage();
    await startAsVisitor(visitor, { name: 'Countdown Cora' });
    const offered = consultant.locator('[data-testid="queue-item"][data-offered="true"]').filter({ hasText: 'Countdown Cora' });
    const countdown = offered.getByTestId('offer-countdown');
    await countdown.waitFor();
    // Once on the page: not in a list of offers and again in the queue.
    expect(await consultant.getByText('Countdown Cora', { exact: true }).count()).toBe(1);
    expect(await offered.getByRole('button').allTextContents()).toEqual(['Accept conversation: Countdown Cora', 'Decline conversation: Countdown Cora']);

    const secondsLeft = () => countdown.getAttribute('data-seconds-left').then(Number);
    const first = await secondsLeft();
    expect(first).toBeGreaterThan(40);
    expect(first).toBeLessThanOrEqual(60);
    expect(await countdown.textContent()).toMatch(/^\d+ s left$/);
    // A timer is not read out as it changes; the live region spoke once.
    expect(await countdown.getAttribute('role')).toBe('timer');
    await expect.poll(secondsLeft).toBeLessThan(first);
    expect(await announcements()).toEqual([expect.stringMatching(/^A conversation is offered to you: English, .+\. Time to accept: \d+ s\.$/)]);
    expect(await axeViolations(consultant)).toEqual([]);
    await Promise.all([consultant, visitor].map((page) => page.context().close()));
  });

  it("shows a visitor's call request as a banner: Not now tells the visitor politely, Call now (voice) calls them", async () => {
    const visitor = await newPage({ ...WITH_MEDIA, viewport: { width: 360, height: 740 } });
    const consultant = await newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 720 } });
    await signInConsultant(consultant, 'Piotr');
    await consultant.getByTestId('topbar-menu-button').click(); // the console keeps it in the bar's settings menu
    await consultant.getByTestId('sound-toggle').check();
    await consultant.keyboard.press('Escape');
    await startAsVisitor(visitor, { name: 'Caller Cyryl' });
    await consultant.getByTestId('queue-item').filter({ hasText: 'Caller Cyryl' }).getByTestId('take-button').click();
    await visitor.getByTestId('call-ask').waitFor();

    await visitor.getByTestId('call-ask').click();
    const banner = consultant.getByTestId('call-request');
    await banner.waitFor();
    expect(await banner.locator('p').textContent()).toBe('Caller Cyryl asks for a call');
    expect(await banner.getByRole('button').allTextContents()).toEqual(['Call now (voice)', 'Call now (video)', 'Not now']);
    await consultant.getByTestId('announcer').filter({ hasText: 'Caller Cyryl asks for a call' }).waitFor({ state: 'attached' });
    expect(await axeViolations(consultant)).toEqual([]);

    await banner.getByTestId('call-request-not-now').click();
    await expect.poll(() => banner.count()).toBe(0);
    await message(visitor, 'We can’t call you right now, sorry. Let’s continue here in the chat.').waitFor();
    await message(consultant, 'Piotr answered the call request: not now.').waitFor();
    expect(await consultant.evaluate(() => document.activeElement?.id)).toBe('message-input');
    expect(await axeViolations(consultant)).toEqual([]);
    expect(await axeViolations(visitor)).toEqual([]);

    // The promise to be called is gone and the visitor may ask again; called this time.
    expect(await visitor.getByTestId('call-asked').count()).toBe(0);
    await visitor.getByTestId('call-ask').click();
    await banner.waitFor();
    await banner.getByTestId('call-request-voice').click();
    await expect.poll(() => banner.count()).toBe(0);
    await consultant.getByTestId('call-explanation').waitFor();
    await consultant.getByTestId('call-continue').click();
    await visitor.getByTestId('call-incoming').waitFor();
    expect(await visitor.getByTestId('call-incoming').textContent()).toContain('voice');
    await Promise.all([consultant, visitor].map((page) => page.context().close()));
  });
});
