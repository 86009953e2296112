/**
 * Being told in a background tab, in real Chromium with the notification permission granted: the
 * visitor who switched it on hears of the consultant joining and answering (tab title and system
 * notification), never of their own messages, and the title comes back when they look; a
 * consultant in the background is told of an offer. The page is put in the background by making
 * `document.hidden` true (a headless browser never hides its tabs); notifications are observed by
 * wrapping the real Notification constructor.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

declare global {
  interface Window {
    shownNotifications: string[];
  }
}

describeInChromium('being told in a background tab', () => {
  const desk = setUpDesk();

  async function pageWithNotifications(): Promise<Page> {
    const page = await desk.newPage({ bypassCSP: true, permissions: ['notifications'] });
    await page.addInitScript(() => {
      window.shownNotifications = [];
      const Real = window.Notification;
      class Observed extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          window.shownNotifications.push(title);
        }
      }
      window.Notification = Observed as typeof Notification;
    });
    return page;
  }

  function setHidden(page: Page, hidden: boolean): Promise<void> {
    return page.evaluate((value) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  }

  const notifications = (page: Page) => page.evaluate(() => window.shownNotifications);

  it('tells a visitor in the background that the consultant joined and answered, not of their own messages', async () => {
    const visitor = await pageWithNotifications();
    await desk.startAsVisitor(visitor, { name: 'Background Bea' });
    await visitor.getByTestId('notify-toggle').check();
    expect(await visitor.getByTestId('notify-blocked').count()).toBe(0);
    expect(await axeViolations(visitor)).toEqual([]);
    const ownTitle = await visitor.title();
    await setHidden(visitor, true);

    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant, 'Daria');
    await takeNewest(consultant);
    await expect.poll(() => notifications(visitor)).toEqual(['Daria joined the conversation']);
    expect(await visitor.title()).toBe(`Daria joined the conversation — ${ownTitle}`);

    await send(visitor, 'A message of my own');
    await send(consultant, 'Hello Bea');
    await expect.poll(() => notifications(visitor)).toEqual(['Daria joined the conversation', 'Daria answered']);
    expect(await visitor.title()).toBe(`Daria answered — ${ownTitle}`);

    await setHidden(visitor, false);
    expect(await visitor.title()).toBe(ownTitle);
    await send(consultant, 'Seen in the foreground');
    await message(visitor, 'Seen in the foreground').waitFor();
    expect(await notifications(visitor)).toHaveLength(2);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('tells a consultant in the background of an offer, so it does not time out unseen', async () => {
    const consultant = await pageWithNotifications();
    await desk.signInConsultant(consultant, 'Ewa');
    await consultant.getByTestId('topbar-menu-button').click(); // the console keeps it in the bar's settings menu
    await consultant.getByTestId('notify-toggle').check();
    expect(await axeViolations(consultant)).toEqual([]);
    await setHidden(consultant, true);

    const visitor = await desk.newPage();
    await desk.startAsVisitor(visitor, { name: 'Offered Olga' });
    await expect.poll(() => notifications(consultant)).toContain('New conversation offered');
    // The console's own title counts the waiting conversations; the news goes in front of it.
    expect(await consultant.title()).toMatch(/^New conversation offered — \(1\) /);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });
});
