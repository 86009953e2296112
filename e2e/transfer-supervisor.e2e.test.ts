/**
 * Conversations changing hands in real Chromium: a consultant transfers to a colleague who
 * continues, a supervisor sees who handles what and joins as a second consultant.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

describeInChromium('transfer and supervision in the browser', () => {
  const { newPage, startAsVisitor, signInConsultant } = setUpDesk();

  const liveRow = (page: Page, visitorName: string) => page.getByTestId('supervisor-live-row').filter({ hasText: visitorName });
  const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

  it('lets a consultant transfer to a colleague who continues, while a supervisor sees both and joins', async () => {
    const visitor = await newPage();
    const anna = await newPage({ bypassCSP: true });
    const bartek = await newPage({ bypassCSP: true });
    const maria = await newPage({ bypassCSP: true });
    await signInConsultant(anna, 'Anna');
    await signInConsultant(bartek, 'Bartek');
    await signInConsultant(maria, 'Maria', 'supervisor');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(anna);
    await send(visitor, 'I need to extend my residence card.');
    await message(anna, 'extend my residence card').waitFor();

    // The supervisor sees the conversation, who handles it, and the consultants' load.
    await maria.getByTestId('view-supervision').click();
    await liveRow(maria, 'Oksana').filter({ hasText: 'Anna' }).waitFor();
    await expect.poll(() => maria.getByTestId('supervisor-staff').locator('tr', { hasText: 'Anna' }).textContent()).toContain('1 of 3');
    expect(await axeViolations(maria)).toEqual([]);

    // Anna transfers to Bartek with a note, using the keyboard-reachable form.
    await anna.getByTestId('transfer-open').click();
    await expect.poll(() => focusedTestId(anna)).toBe('transfer-to-colleague');
    await anna.getByTestId('transfer-colleague').locator('option', { hasText: 'Bartek' }).waitFor({ state: 'attached' });
    const bartekOption = await anna.getByTestId('transfer-colleague').locator('option', { hasText: 'Bartek' }).getAttribute('value');
    await anna.getByTestId('transfer-colleague').selectOption(bartekOption!);
    await anna.getByTestId('transfer-note').fill('Card expires in May; documents already sent.');
    expect(await axeViolations(anna)).toEqual([]);
    await anna.getByTestId('transfer-submit').click();
    await anna.getByTestId('handed-off').filter({ hasText: 'Bartek' }).waitFor();
    await expect.poll(() => focusedTestId(anna)).toBe('handed-off');
    expect(await anna.getByTestId('my-conversation').count()).toBe(0);

    // The visitor is told; nothing of the note reaches them.
    await visitor.getByTestId('message').filter({ hasText: 'transferred to another consultant: Bartek' }).waitFor();
    expect(await visitor.content()).not.toContain('documents already sent');

    // Bartek has it, with Anna's note, and continues.
    await bartek.getByTestId('my-conversation').filter({ hasText: 'Oksana' }).getByRole('button').click();
    await bartek.getByTestId('handover-note').filter({ hasText: 'documents already sent' }).waitFor();
    await message(bartek, 'extend my residence card').waitFor();
    expect(await axeViolations(bartek)).toEqual([]);
    await send(bartek, 'Hello, Bartek here. I will take it from here.');
    const fromBartek = visitor.getByTestId('message').filter({ hasText: 'Bartek here' });
    await fromBartek.waitFor();
    expect(await fromBartek.textContent()).toContain('Bartek');

    // The supervisor's view follows; she joins as a second consultant.
    await liveRow(maria, 'Oksana').filter({ hasText: 'Bartek' }).waitFor();
    await liveRow(maria, 'Oksana').getByTestId('supervisor-join').click();
    await maria.getByTestId('participant-panel').waitFor();
    await message(maria, 'Bartek here').waitFor();
    await visitor.getByTestId('message').filter({ hasText: 'Maria, a second consultant, joined' }).waitFor();
    await send(maria, 'Maria here, I am supervising.');
    await visitor.getByTestId('message').filter({ hasText: 'Maria here' }).waitFor();
    const atBartek = bartek.getByTestId('message').filter({ hasText: 'Maria here' });
    await atBartek.waitFor();
    expect(await atBartek.locator('.message-sender').textContent()).toBe('Maria');
    expect(await axeViolations(maria)).toEqual([]);
  });

  it('lets a consultant send a conversation back to another language’s queue, keyboard only', async () => {
    const visitor = await newPage();
    const anna = await newPage({ bypassCSP: true });
    await signInConsultant(anna, 'Anna');
    await startAsVisitor(visitor, { name: 'Ivan' });
    await takeNewest(anna);

    await anna.getByTestId('transfer-open').focus();
    await anna.keyboard.press('Enter');
    await expect.poll(() => focusedTestId(anna)).toBe('transfer-to-colleague');
    await anna.keyboard.press('ArrowDown');
    expect(await anna.getByTestId('transfer-to-queue').isChecked()).toBe(true);
    await anna.getByTestId('transfer-language').selectOption('ru');
    expect(await axeViolations(anna)).toEqual([]);
    await anna.getByTestId('transfer-submit').focus();
    await anna.keyboard.press('Enter');
    await anna.getByTestId('handed-off').filter({ hasText: 'Russian' }).waitFor();
    await expect.poll(() => focusedTestId(anna)).toBe('handed-off');
    await visitor.getByTestId('message').filter({ hasText: 'transferred back to the queue' }).waitFor();
  });

  it('does not offer supervision to a consultant', async () => {
    const consultant = await newPage();
    await signInConsultant(consultant, 'Celina');
    await consultant.getByTestId('view-inbox').waitFor();
    expect(await consultant.getByTestId('view-supervision').count()).toBe(0);
  });
});
