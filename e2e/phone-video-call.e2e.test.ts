/**
 * A video call on the visitor's phone (360×740, touch), in real Chromium with a fake camera: the
 * other side fills the screen, the self-view is small, the controls are large and at the bottom,
 * hang up is not where the tap that answered was, hanging up asks first (mid-screen, focus on "go
 * back", Escape goes back), and when the consultant hangs up the call goes away by itself, with
 * the visitor back in the chat.
 */
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { MEDIA_FLAGS, axeViolations, describeInChromium } from './support/browser';
import { setUpDesk, takeNewest } from './support/desk';

const PHONE = { width: 360, height: 740 };
const WITH_MEDIA = { permissions: ['camera', 'microphone'], bypassCSP: true };

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

describeInChromium('a video call on a phone', () => {
  const { newPage, startAsVisitor, signInConsultant } = setUpDesk({}, MEDIA_FLAGS);

  it('fills the screen with the consultant, keeps the controls large and at the bottom, asks before hanging up, and closes itself when the consultant hangs up', async () => {
    const visitor = await newPage({ ...WITH_MEDIA, viewport: PHONE, hasTouch: true, isMobile: true });
    const consultant = await newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 900 } });
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);

    await consultant.getByTestId('call-start-video').click();
    await consultant.getByTestId('call-continue').click();
    const accept = visitor.getByTestId('call-accept');
    await accept.waitFor();
    const tapped = await box(accept);
    await accept.tap();

    await expect.poll(() => visitor.getByTestId('call-remote').getAttribute('data-frames-decoded').then(Number), { timeout: 20_000 }).toBeGreaterThan(0);
    const remote = await box(visitor.getByTestId('call-remote').locator('video'));
    expect((remote.width * remote.height) / (PHONE.width * PHONE.height)).toBeGreaterThanOrEqual(0.9);
    const self = await box(visitor.getByTestId('call-active').locator('.call-tile--self video'));
    expect((self.width * self.height) / (PHONE.width * PHONE.height)).toBeLessThan(0.1);

    const controls = visitor.getByTestId('call-active').getByRole('toolbar').getByRole('button');
    expect(await controls.count()).toBeGreaterThanOrEqual(3);
    for (const control of await controls.all()) {
      const { x, y, width, height } = await box(control);
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(44);
      expect(y).toBeGreaterThanOrEqual((PHONE.height * 2) / 3);
      expect(x + width).toBeLessThanOrEqual(PHONE.width);
    }
    // The finger that answered is not over hang up.
    const hangUp = await box(visitor.getByTestId('call-hangup'));
    const finger = { x: tapped.x + tapped.width / 2, y: tapped.y + tapped.height / 2 };
    const under = finger.x >= hangUp.x && finger.x <= hangUp.x + hangUp.width && finger.y >= hangUp.y && finger.y <= hangUp.y + hangUp.height;
    expect(under).toBe(false);
    // Nothing hidden under the call can take focus: the chat behind it is inert.
    expect(await visitor.evaluate(() => document.getElementById('message-input')?.closest('[inert]') !== null)).toBe(true);
    expect(await axeViolations(visitor)).toEqual([]);

    // Hang up asks first: mid-screen, away from the thumb at the bottom; focus on "go back"; Escape goes back.
    await visitor.getByTestId('call-hangup').tap();
    await visitor.getByTestId('call-hangup-confirmation').waitFor();
    expect(await visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-hangup-cancel');
    const underThumb = await visitor.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.getAttribute('data-testid') ?? null,
      [hangUp.x + hangUp.width / 2, hangUp.y + hangUp.height / 2],
    );
    expect(underThumb).not.toBe('call-hangup-confirm');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.keyboard.press('Escape');
    await visitor.getByTestId('call-hangup-confirmation').waitFor({ state: 'detached' });
    expect(await visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-hangup');
    expect(await visitor.getByTestId('call-active').count()).toBe(1);

    await consultant.getByTestId('call-hangup').click();
    await expect.poll(() => visitor.getByTestId('call-active').count()).toBe(0);
    expect(await visitor.getByTestId('call-ended').count()).toBe(0);
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('message-input');
    expect(await visitor.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0);
    // The consultant's desktop keeps saying how the call ended.
    await consultant.getByTestId('call-ended').waitFor();
  }, 60_000);
});
