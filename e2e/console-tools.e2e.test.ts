/**
 * The consultant's tools in real Chromium at 1280×720: a whole conversation by keyboard alone
 * (take, a canned answer, an internal note, close), typing indicators and read receipts both
 * ways, the visitor's context — and the visitor's page never showing the note. axe-core clean.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { message, setUpDesk, takeNewest } from './support/desk';

const NOTE = 'Internal: asked about Article 114, check the employer';

describeInChromium('the consultant’s tools in the browser', () => {
  const desk = setUpDesk({ ROUTING_MODE: 'manual', MESSAGES_PER_MINUTE: '1000' });
  const { newPage, signInConsultant, openVisitor, startAsVisitor } = desk;

  const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id);

  async function createCannedAnswer(consultant: Page) {
    const status = await consultant.evaluate(async () => {
      const response = await fetch('/api/canned-answers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scope: 'personal',
          language: 'en',
          title: 'Opening hours',
          body: 'Hello {visitorName}, we are open {officeHours}.',
        }),
      });
      return response.status;
    });
    expect(status).toBe(201);
  }

  it('serves a visitor from take to close by keyboard alone, with a canned answer and a note the visitor never sees', async () => {
    const consultant = await newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
    const visitor = await newPage({ bypassCSP: true, timezoneId: 'America/Sao_Paulo' });
    await signInConsultant(consultant, 'Anna');
    await createCannedAnswer(consultant);

    await openVisitor(visitor, 'en');
    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('visitor-name').fill('Oksana');
    await visitor.getByTestId('remember-device').check();
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();
    await visitor.getByTestId('message-input').waitFor();
    await consultant.getByTestId('queue-item').filter({ hasText: 'Oksana' }).waitFor();

    // Alt+T takes the conversation that has waited longest; the cursor lands in the message box.
    await consultant.keyboard.press('Alt+KeyT');
    await consultant.getByTestId('my-conversation').filter({ hasText: 'Oksana' }).waitFor();
    await expect.poll(() => focusedTestId(consultant)).toBe('message-input');
    await expect.poll(() => consultant.getByTestId('visitor-local-time').textContent()).toMatch(/\d\d:\d\d/);
    await expect.poll(() => consultant.getByTestId('visitor-context').textContent()).toContain('None.');

    // Typing shows on the other side; a message read by the consultant shows "read" to the visitor.
    await visitor.getByTestId('message-input').pressSequentially('Can I change my job');
    await expect.poll(() => consultant.getByTestId('typing-indicator').textContent()).toBe('Oksana is typing…');
    await visitor.getByTestId('message-input').press('Enter');
    await message(consultant, 'Can I change my job').waitFor();
    await expect.poll(() => message(visitor, 'Can I change my job').getAttribute('data-read')).toBe('true');
    expect(await message(visitor, 'Can I change my job').textContent()).toContain('read');
    await expect.poll(() => consultant.getByTestId('typing-indicator').isHidden()).toBe(true);

    // "/" in the empty box opens the canned answers; Esc goes back to the box.
    await consultant.keyboard.press('/');
    await consultant.getByTestId('canned-picker').waitFor();
    await consultant.keyboard.press('Escape');
    await expect.poll(() => consultant.getByTestId('canned-picker').count()).toBe(0);
    await expect.poll(() => focusedTestId(consultant)).toBe('message-input');

    // Ctrl+K, search, Enter: the answer goes into the box with its placeholders filled; Enter sends.
    await consultant.keyboard.press('Control+KeyK');
    await expect.poll(() => focusedTestId(consultant)).toBe('canned-search');
    await consultant.keyboard.type('hours');
    await expect.poll(() => consultant.getByTestId('canned-option').count()).toBe(1);
    await consultant.keyboard.press('Tab');
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByTestId('canned-search').focus();
    await consultant.keyboard.press('Enter');
    await expect.poll(() => focusedTestId(consultant)).toBe('message-input');
    await expect
      .poll(() => consultant.getByTestId('message-input').inputValue())
      .toMatch(/^Hello Oksana, we are open Monday–Sunday 00:00–24:00 \(.+\)\.$/);
    await visitor.getByTestId('message-input').pressSequentially('x');
    await consultant.keyboard.type(' ');
    await expect.poll(() => visitor.getByTestId('typing-indicator').textContent()).toBe('Anna is typing…');
    await consultant.keyboard.press('Enter');
    await message(visitor, 'Hello Oksana, we are open').waitFor();

    // Alt+I writes an internal note.
    await consultant.keyboard.press('Alt+KeyI');
    await expect.poll(() => focusedTestId(consultant)).toBe('note-input');
    await consultant.keyboard.type(NOTE);
    await consultant.keyboard.press('Tab');
    await consultant.keyboard.press('Enter');
    await consultant.getByTestId('note').filter({ hasText: NOTE }).waitFor();

    // The help lists the shortcuts; it is a modal dialog that Esc closes, giving focus back.
    await consultant.keyboard.press('Alt+KeyM');
    await consultant.keyboard.press('Alt+KeyH');
    await consultant.getByTestId('shortcut-help').waitFor();
    await expect.poll(() => focusedTestId(consultant)).toBe('shortcut-help-close');
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.keyboard.press('Escape');
    await expect.poll(() => consultant.getByTestId('shortcut-help').count()).toBe(0);
    await expect.poll(() => focusedTestId(consultant)).toBe('message-input');
    expect(await axeViolations(consultant)).toEqual([]);

    // Alt+C goes to the outcome; the arrow picks "Answered", Tab and Enter close.
    await consultant.keyboard.press('Alt+KeyC');
    await expect.poll(() => focusedTestId(consultant)).toBe('close-outcome');
    await consultant.keyboard.press('ArrowDown');
    await expect.poll(() => consultant.getByTestId('close-outcome').inputValue()).toBe('answered');
    await consultant.keyboard.press('Tab');
    await consultant.keyboard.press('Enter');
    await visitor.getByTestId('conversation-ended').waitFor();

    expect(await visitor.content()).not.toContain('Article 114');
    await visitor.reload();
    await message(visitor, 'Hello Oksana, we are open').waitFor();
    expect(await visitor.content()).not.toContain('Article 114');
    expect(await axeViolations(visitor)).toEqual([]);
  });

  it('shows earlier conversations only from a device whose visitor allowed it', async () => {
    const consultant = await newPage({ viewport: { width: 1280, height: 720 } });
    const visitor = await newPage();
    await signInConsultant(consultant);
    await openVisitor(visitor, 'en');

    const start = async (topic: string, remember: boolean) => {
      await visitor.getByTestId('topic-select').selectOption(topic);
      if (remember) await visitor.getByTestId('remember-device').check();
      await visitor.getByTestId('privacy-accept').check();
      await visitor.getByTestId('start-button').click();
      await visitor.getByTestId('message-input').waitFor();
    };
    const end = async () => {
      await visitor.getByTestId('end-button').click();
      await visitor.getByTestId('end-confirm').click();
      await visitor.getByTestId('new-conversation-button').click();
    };
    const takeNewest = async (topic: string) => {
      const item = consultant.getByTestId('queue-item').filter({ hasText: topic });
      await item.getByTestId('take-button').click();
      await consultant.getByTestId('my-conversation').filter({ hasText: topic }).waitFor();
    };
    const context = consultant.getByTestId('visitor-context');

    await start('appeals', true);
    await end();
    await start('filing', false);
    await takeNewest('Appointments');
    await expect.poll(() => context.textContent()).toContain('did not allow');
    await end();
    await start('work', true);
    await takeNewest('Work');
    await expect.poll(() => context.getByTestId('earlier-conversations').textContent()).toContain('Appeals');
    expect(await context.getByTestId('earlier-conversations').locator('li').count()).toBe(1);
  });

  it('keeps a consultant’s own canned answers, added and removed in the picker', async () => {
    const consultant = await newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
    await signInConsultant(consultant);
    const visitor = await newPage();
    await startAsVisitor(visitor, { name: 'Picker', lang: 'pl' });
    await takeNewest(consultant);

    await consultant.getByTestId('canned-button').click();
    await consultant.getByTestId('manage-canned').click();
    const mine = consultant.getByTestId('personal-answers');
    await expect.poll(() => mine.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('pl');
    await mine.getByLabel('Title').fill('Powitanie');
    await mine.getByLabel('Text').fill('Dzień dobry, {visitorName}!');
    await mine.getByRole('button', { name: 'Save answer' }).click();
    await consultant.getByTestId('canned-option').filter({ hasText: 'Powitanie' }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByTestId('canned-option').filter({ hasText: 'Powitanie' }).click();
    await expect.poll(() => consultant.getByTestId('message-input').inputValue()).toBe('Dzień dobry, Picker!');

    await consultant.keyboard.press('Control+KeyK');
    await consultant.getByTestId('manage-canned').click();
    await mine.getByRole('button', { name: 'Delete Powitanie' }).click();
    await expect.poll(() => consultant.getByTestId('canned-option').count()).toBe(0);
  });
});
