/**
 * The visitor's page on a phone: before starting, the office's name and what the desk is for, and
 * Start on screen without scrolling; the conversation as a full-height chat whose message box and
 * Send button stay on screen at 360×740 and with the keyboard open (360×400), with Enter making a
 * new line on a touch screen and sending on a keyboard.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

const PHONE = { isMobile: true, hasTouch: true, bypassCSP: true } as const;
const DESCRIPTION = 'Residence permits and work permits for foreigners. Not for visas.';

/** Whether the element lies wholly inside the viewport, with nothing of the page scrolled. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && box.height > 0;
  });
}

const pageScrolls = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight || window.scrollY > 0);

describeInChromium('the visitor on a phone', () => {
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') });

  it("shows the office and what the desk is for, and Start without scrolling, in every visitor language", async () => {
    const admin = await desk.newPage();
    // An admin on duty who speaks every language: the page is the usual one, not "nobody on duty".
    await desk.signInConsultant(admin, 'Admin Ada', 'admin', UI_LANGUAGES.join(','));
    const saved = await admin.evaluate(async (description) => {
      const { texts, phones, email, brandColour, dpoContact, statementPublished } = await (await fetch('/api/office')).json();
      const profile = { texts: { ...texts, en: { ...texts.en, description } }, phones, email, brandColour, dpoContact, statementPublished };
      return (await fetch('/api/admin/office', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) })).status;
    }, DESCRIPTION);
    expect(saved).toBe(200);

    const page = await desk.newPage({ ...PHONE, viewport: { width: 360, height: 740 } });
    for (const lang of UI_LANGUAGES) {
      await desk.openVisitor(page, lang);
      expect(await onScreen(page, 'office-name'), lang).toBe(true);
      expect(await onScreen(page, 'start-button'), lang).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await axeViolations(page), lang).toEqual([]);
    }
    await desk.openVisitor(page, 'en');
    expect(await page.getByTestId('office-description').innerText()).toBe(DESCRIPTION);
    // Pressed at once, Start points at what is missing.
    await page.getByTestId('start-button').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('topic');
    await page.screenshot({ path: '/tmp/i18-phone-start.png' });
    await admin.context().close();
  });

  for (const height of [740, 400]) {
    it(`keeps the message box and Send on screen at 360×${height}, with no page scroll, in a long conversation`, async () => {
      const visitor = await desk.newPage({ ...PHONE, viewport: { width: 360, height } });
      const consultant = await desk.newPage();
      await desk.signInConsultant(consultant);
      await desk.startAsVisitor(visitor, { name: 'Amara' });
      await takeNewest(consultant);
      for (let n = 1; n <= 12; n++) await send(consultant, `Answer number ${n}, long enough to take a line or two on a phone.`);
      await message(visitor, 'Answer number 12').waitFor();

      for (const id of ['message-input', 'send-button', 'end-button']) expect(await onScreen(visitor, id), id).toBe(true);
      expect(await pageScrolls(visitor)).toBe(false);
      // Send sits beside the box, not under it.
      const [input, button] = await Promise.all([visitor.getByTestId('message-input').boundingBox(), visitor.getByTestId('send-button').boundingBox()]);
      expect(button!.x).toBeGreaterThan(input!.x + input!.width - 1);
      expect(button!.y).toBeLessThan(input!.y + input!.height);
      // The newest message is in view: the chat follows the conversation.
      expect(await message(visitor, 'Answer number 12').evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight;
      })).toBe(true);

      // A touch screen: Enter is a new line, Send sends.
      await visitor.getByTestId('message-input').fill('First line');
      await visitor.getByTestId('message-input').press('Enter');
      await visitor.getByTestId('message-input').pressSequentially('second line');
      expect(await visitor.getByTestId('message-input').inputValue()).toBe('First line\nsecond line');
      for (const id of ['message-input', 'send-button']) expect(await onScreen(visitor, id), id).toBe(true);
      await visitor.getByTestId('send-button').tap();
      await message(consultant, 'second line').waitFor();
      expect(await visitor.getByTestId('message-input').inputValue()).toBe('');
      expect(await pageScrolls(visitor)).toBe(false);
      expect(await axeViolations(visitor)).toEqual([]);
      await visitor.screenshot({ path: `/tmp/i18-phone-chat-${height}.png` });
      await visitor.context().close();
      await consultant.context().close();
    });
  }

  it('sends on Enter with a keyboard and a mouse', async () => {
    const visitor = await desk.newPage({ viewport: { width: 1280, height: 720 } });
    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant);
    await desk.startAsVisitor(visitor);
    await takeNewest(consultant);
    await visitor.getByTestId('message-input').fill('Sent with Enter');
    await visitor.getByTestId('message-input').press('Enter');
    await message(consultant, 'Sent with Enter').waitFor();
    for (const id of ['message-input', 'send-button']) expect(await onScreen(visitor, id), id).toBe(true);
    await visitor.screenshot({ path: '/tmp/i18-desktop-chat.png' });
  });
});
