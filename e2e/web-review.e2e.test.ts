/**
 * Regressions from the review of the browser apps: keyboard-only use, 200 % zoom, several console
 * tabs, touch screens, the message limit, screen-reader announcements and wording per reader.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser';
import { PASSWORD, message, send, setUpDesk, takeNewest } from './support/desk';

const MAX_MESSAGE_LENGTH = 200;

/** The data-testid of the focused element (or its tag name when it has none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('data-testid') ?? element?.tagName.toLowerCase() ?? null;
  });

/** Presses Tab until the element with this test id has focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string, { within = 40 } = {}) {
  for (let presses = 0; presses < within; presses++) {
    if ((await focused(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${testId} not reached with ${within} presses of Tab (focus is on ${await focused(page)})`);
}

const connectionState = (page: Page) => page.getByTestId('connection-state').getAttribute('data-state');

describeInChromium('web review regressions', () => {
  const desk = setUpDesk({ MAX_MESSAGE_LENGTH: String(MAX_MESSAGE_LENGTH) });
  const { newPage, openVisitor, startAsVisitor, createConsultant, signInConsultant, conversationInProgress } = desk;

  it('lets a visitor and a consultant do everything with the keyboard alone', async () => {
    const visitor = await newPage();
    await openVisitor(visitor);
    await tabTo(visitor, 'topic-select');
    await visitor.keyboard.press('ArrowDown');
    expect(await visitor.getByTestId('topic-select').inputValue()).not.toBe('');
    await tabTo(visitor, 'visitor-name');
    await visitor.keyboard.type('Keyboard');
    await tabTo(visitor, 'privacy-accept');
    await visitor.keyboard.press('Space');
    await tabTo(visitor, 'start-button');
    await visitor.keyboard.press('Enter');
    await visitor.getByTestId('message-input').waitFor();
    expect(await focused(visitor)).toBe('message-input');
    await visitor.getByTestId('message-input').fill('Typed and sent without a mouse');
    await visitor.keyboard.press('Enter');
    await expect.poll(() => message(visitor, 'Typed and sent').getAttribute('data-status')).toBe('delivered');

    const consultant = await newPage();
    const email = await createConsultant('Keyboard Consultant');
    await consultant.goto(`${desk.server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill(email);
    await consultant.getByTestId('login-password').fill(PASSWORD);
    await consultant.keyboard.press('Enter');
    const item = consultant.getByTestId('queue-item').filter({ hasText: 'Keyboard' });
    await item.waitFor();
    await tabTo(consultant, 'take-button');
    await consultant.keyboard.press('Enter');
    await consultant.getByTestId('message-input').waitFor();
    expect(await focused(consultant)).toBe('message-input');
    await message(consultant, 'Typed and sent without a mouse').waitFor();
    await consultant.getByTestId('message-input').fill('Answered by keyboard');
    await consultant.keyboard.press('Enter');
    await message(visitor, 'Answered by keyboard').waitFor();

    await tabTo(consultant, 'close-outcome');
    await consultant.keyboard.press('ArrowDown');
    expect(await consultant.getByTestId('close-outcome').inputValue()).toBe('answered');
    await tabTo(consultant, 'close-button');
    await consultant.keyboard.press('Enter');
    await consultant.getByTestId('closed-note').waitFor();
    // The form that had focus is gone: focus is on the note, not lost to <body>.
    await expect.poll(() => focused(consultant)).toBe('closed-note');
    await visitor.getByTestId('conversation-ended').waitFor();
  });

  it('keeps the visitor page usable at 200 % zoom (1280×720 shown at 640×360)', async () => {
    const visitor = await newPage({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    const overflow = () =>
      visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await openVisitor(visitor);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await startAsVisitor(visitor);
    await send(visitor, 'Zoomed in');
    await message(visitor, 'Zoomed in').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    for (const testId of ['message-input', 'send-button']) {
      const control = visitor.getByTestId(testId);
      await control.scrollIntoViewIfNeeded();
      expect(await control.isVisible()).toBe(true);
      const box = await control.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(640);
    }
  });

  it('shows the history in a second console tab of the consultant who took the conversation there', async () => {
    const firstTab = await newPage();
    await signInConsultant(firstTab, 'Two Tabs');
    const secondTab = await firstTab.context().newPage(); // same browser, same session
    await secondTab.goto(`${desk.server.baseUrl}/console/`);
    await secondTab.getByTestId('logout').waitFor();

    const visitor = await newPage();
    await startAsVisitor(visitor, { name: 'Second Tab' });
    await send(visitor, 'My first message, before anyone took it');
    await expect.poll(() => message(visitor, 'My first message').getAttribute('data-status')).toBe('delivered');

    await secondTab.getByTestId('queue-item').filter({ hasText: 'Second Tab' }).waitFor();
    await takeNewest(firstTab);
    const mine = secondTab.getByTestId('my-conversation').filter({ hasText: 'Second Tab' });
    await mine.waitFor();
    await mine.getByRole('button').click();
    await message(secondTab, 'My first message, before anyone took it').waitFor();
    // Consultants read their own wording of the start, not the visitor's "please wait".
    const log = secondTab.getByTestId('message-list');
    expect(await log.textContent()).toContain('The visitor started the conversation.');
    expect(await log.textContent()).not.toContain('Please wait for a consultant');
  });

  it('announces only new visitor messages in the console, not the history loaded on a take', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await signInConsultant(consultant);
    await startAsVisitor(visitor, { name: 'Announced' });
    await send(visitor, 'Already here before the take');
    await takeNewest(consultant);
    await message(consultant, 'Already here before the take').waitFor();
    expect(await consultant.getByTestId('message-list').getAttribute('aria-live')).toBe('off');
    expect(await consultant.getByTestId('announcer').textContent()).not.toContain('Already here');

    await send(visitor, 'Arrived after the take');
    await expect
      .poll(() => consultant.getByTestId('announcer').textContent())
      .toContain('New message from Announced: Arrived after the take');
  });

  it('refuses a consultant message over the limit with a counter instead of cutting it', async () => {
    const { consultant } = await conversationInProgress();
    const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 5);
    await consultant.getByTestId('message-input').fill(tooLong);
    expect(await consultant.getByTestId('message-input').inputValue()).toHaveLength(tooLong.length);
    expect(await consultant.getByTestId('composer-counter').textContent()).toContain(
      `${tooLong.length} / ${MAX_MESSAGE_LENGTH}`,
    );
    await consultant.keyboard.press('Enter');
    await consultant.getByTestId('send-button').click();
    expect(await consultant.getByTestId('composer-limit').textContent()).toContain(`${MAX_MESSAGE_LENGTH}`);
    expect(await consultant.getByTestId('message-input').inputValue()).toHaveLength(tooLong.length);
    expect(await message(consultant, 'xxxxx').count()).toBe(0);
  });

  it('on a touch screen, Enter starts a new line and the Send button sends, as the hint says', async () => {
    const visitor = await newPage({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 740 } });
    await startAsVisitor(visitor);
    const matchesFine = await visitor.evaluate(() => matchMedia('(pointer: fine)').matches);
    expect(matchesFine).toBe(false);
    const hint = visitor.getByTestId('composer-hint');
    expect(await hint.getAttribute('data-enter-sends')).toBe('false');
    expect(await hint.textContent()).toContain('Send button');

    const input = visitor.getByTestId('message-input');
    await input.fill('First line');
    await input.press('Enter');
    await input.pressSequentially('second line');
    expect(await input.inputValue()).toBe('First line\nsecond line');
    expect(await visitor.locator('[data-testid="message"][data-author="visitor"]').count()).toBe(0);
    await visitor.getByTestId('send-button').tap();
    await expect.poll(() => message(visitor, 'second line').getAttribute('data-status')).toBe('delivered');
  });

  it('tells the visitor "You ended the conversation" and keeps the End button focusable offline', async () => {
    const { visitor, consultant } = await conversationInProgress({ name: 'Leaving' });

    await visitor.getByTestId('end-button').focus();
    await visitor.context().setOffline(true);
    await expect.poll(() => connectionState(visitor), { timeout: 40_000 }).not.toBe('open');
    expect(await visitor.getByTestId('end-button').getAttribute('aria-disabled')).toBe('true');
    expect(await focused(visitor)).toBe('end-button');
    await visitor.keyboard.press('Enter');
    expect(await visitor.getByTestId('end-confirm').count()).toBe(0);
    await visitor.context().setOffline(false);
    await expect.poll(() => connectionState(visitor), { timeout: 30_000 }).toBe('open');

    expect(await focused(visitor)).toBe('end-button');
    await visitor.keyboard.press('Enter');
    // Focus lands on the safe choice; Tab reaches the one that ends it.
    await expect.poll(() => focused(visitor)).toBe('end-cancel');
    await visitor.keyboard.press('Tab');
    expect(await focused(visitor)).toBe('end-confirm');
    await visitor.keyboard.press('Enter');
    await visitor.getByTestId('conversation-ended').waitFor();
    await message(visitor, 'You ended the conversation.').waitFor();
    expect(await visitor.getByTestId('message-list').textContent()).not.toContain('The visitor ended');
    await message(consultant, 'The visitor ended the conversation.').waitFor();
  }, 120_000);

  it('shows a conversation that closed while the console was offline as closed, with its last messages', async () => {
    const { visitor, consultant } = await conversationInProgress({ name: 'Closed Away' });
    await send(consultant, 'Written just before the network went away');
    await expect
      .poll(() => message(consultant, 'Written just before').getAttribute('data-state'))
      .toBe('delivered');

    await consultant.context().setOffline(true);
    await expect.poll(() => connectionState(consultant), { timeout: 40_000 }).not.toBe('open');
    await send(consultant, 'Never delivered');
    await send(visitor, 'A last word from the visitor');
    await visitor.getByTestId('end-button').click();
    await visitor.getByTestId('end-confirm').click();
    await visitor.getByTestId('conversation-ended').waitFor();

    await consultant.context().setOffline(false);
    await expect.poll(() => connectionState(consultant), { timeout: 30_000 }).toBe('open');
    await consultant.getByTestId('closed-note').waitFor();
    await message(consultant, 'A last word from the visitor').waitFor();
    await message(consultant, 'The visitor ended the conversation.').waitFor();
    await expect.poll(() => message(consultant, 'Never delivered').getAttribute('data-state')).toBe('failed');
    expect(await message(consultant, 'Never delivered').textContent()).toContain('This conversation has ended.');
  }, 120_000);
});
