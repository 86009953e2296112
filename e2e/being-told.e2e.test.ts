/**
 * Being told in a background tab, in real Chromium: the visitor who switched it on hears of the
 * consultant joining and answering (tab title, a short tone and a system notification), never of
 * their own messages, and the title comes back when they look; the browser is asked for the
 * notification permission only when the switch is ticked, never at page load, and a refusal is
 * said in every visitor language; a consultant in the background is told of an offer and of a
 * visitor's message. The page is put in the background by making `document.hidden` true (a
 * headless browser never hides its tabs); notifications, permission requests and tones
 * (AudioContext.createOscillator, what attention.ts plays them with) are observed by wrapping the
 * real ones.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';
import { inEveryLanguage, localeText } from './support/languages';

declare global {
  interface Window {
    shownNotifications: string[];
    permissionRequests: number;
    tonesPlayed: number;
  }
}

describeInChromium('being told in a background tab', () => {
  // Every interface language offered, so the switch and its refusal are checked in each.
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') });

  /** A page whose notifications, permission requests and tones are recorded; `granted`: the permission is given beforehand. */
  async function observedPage(granted = true): Promise<Page> {
    // No `permissions` at all when not granted: an empty list would deny every permission, as if asked before.
    const page = await desk.newPage({ bypassCSP: true, ...(granted && { permissions: ['notifications'] }) });
    await page.addInitScript(() => {
      window.shownNotifications = [];
      window.permissionRequests = 0;
      window.tonesPlayed = 0;
      const Real = window.Notification;
      class Observed extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          window.shownNotifications.push(title);
        }

        static override requestPermission(): Promise<NotificationPermission> {
          window.permissionRequests += 1;
          return Real.requestPermission();
        }
      }
      window.Notification = Observed as typeof Notification;
      const createOscillator = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        window.tonesPlayed += 1;
        return createOscillator.call(this);
      };
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
  const tones = (page: Page) => page.evaluate(() => window.tonesPlayed);

  it('tells a visitor in the background that the consultant joined and answered, not of their own messages', async () => {
    const visitor = await observedPage();
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
    expect(await tones(visitor)).toBe(1);

    await send(visitor, 'A message of my own');
    await message(consultant, 'A message of my own').waitFor();
    await message(visitor, 'A message of my own').waitFor();
    await send(consultant, 'Hello Bea');
    await expect.poll(() => notifications(visitor)).toEqual(['Daria joined the conversation', 'Daria answered']);
    expect(await visitor.title()).toBe(`Daria answered — ${ownTitle}`);
    // One tone for the join, one for the answer, none for the visitor's own message.
    expect(await tones(visitor)).toBe(2);

    await setHidden(visitor, false);
    expect(await visitor.title()).toBe(ownTitle);
    await send(consultant, 'Seen in the foreground');
    await message(visitor, 'Seen in the foreground').waitFor();
    expect(await notifications(visitor)).toHaveLength(2);
    expect(await tones(visitor)).toBe(2);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('asks the browser for the permission only when the visitor ticks the switch, and says in every language that it was refused', async () => {
    const visitor = await observedPage(false);
    await desk.startAsVisitor(visitor, { name: 'Careful Carla' });
    expect(await visitor.evaluate(() => window.permissionRequests)).toBe(0);
    await visitor.getByTestId('notify-toggle').check();
    const blocked = visitor.getByTestId('notify-blocked');
    await blocked.waitFor();
    expect(await visitor.evaluate(() => window.permissionRequests)).toBe(1);
    expect(await blocked.textContent()).toBe(localeText('en', 'visitor:attention.blocked'));
    await inEveryLanguage(visitor, UI_LANGUAGES, [
      [blocked, 'visitor:attention.blocked'],
      [visitor.locator('label[for="visitor-notify"]'), 'visitor:attention.toggle'],
    ]);
    expect(await visitor.getByTestId('notify-toggle').isChecked()).toBe(true);
    // Refused, the switch still changes the title (and plays the tone) in the background.
    await setHidden(visitor, true);
    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant, 'Greta');
    await takeNewest(consultant);
    await expect.poll(() => visitor.title()).toMatch(/^Greta joined the conversation — /);
    expect(await tones(visitor)).toBe(1);
    expect(await notifications(visitor)).toEqual([]);
    expect(await visitor.evaluate(() => window.permissionRequests)).toBe(1);
    await Promise.all([visitor, consultant].map((page) => page.context().close()));
  });

  it('tells a consultant in the background of an offer, so it does not time out unseen, and of a visitor\'s message', async () => {
    const consultant = await observedPage();
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
    // Another visitor arrives meanwhile: the count behind the news follows, and stays when the news goes.
    const second = await desk.newPage();
    await desk.startAsVisitor(second, { name: 'Second Sonia' });
    await expect.poll(() => consultant.title()).toMatch(/^New conversation offered — \(2\) /);
    await setHidden(consultant, false);
    expect(await consultant.title()).toMatch(/^\(2\) /);

    await takeNewest(consultant);
    const ownTitle = await consultant.title();
    await setHidden(consultant, true);
    await send(second, 'Are you there?');
    await expect.poll(() => notifications(consultant)).toContain('New message from a visitor');
    expect(await consultant.title()).toBe(`New message from a visitor — ${ownTitle}`);
    await setHidden(consultant, false);
    expect(await consultant.title()).toBe(ownTitle);
    await Promise.all([visitor, second, consultant].map((page) => page.context().close()));
  });
});
