/**
 * The queue in the browser: a waiting visitor sees their place go from 2 to 1 and then their
 * consultant; the consultant accepts the conversations routing offers them.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('the queue in the browser', () => {
  const { newPage, startAsVisitor, signInConsultant } = setUpDesk();

  const place = (visitor: Page) => visitor.getByTestId('queue-position').getAttribute('data-position');
  /** An offer is the queue's item for that visitor, marked as offered to this consultant. */
  const offer = (consultant: Page, name: string) => consultant.locator('[data-testid="queue-item"][data-offered="true"]').filter({ hasText: name });

  it('shows a visitor place 2, then place 1, then the consultant who accepted them', async () => {
    const first = await newPage();
    const second = await newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    await startAsVisitor(first, { name: 'Ahead' });
    await startAsVisitor(second, { name: 'Behind' });
    await expect.poll(() => place(second)).toBe('2');
    await expect.poll(() => second.getByTestId('queue-estimate').textContent()).toContain('we cannot estimate the wait');
    expect(await axeViolations(second)).toEqual([]);

    const consultant = await newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    await signInConsultant(consultant, 'Anna');
    await offer(consultant, 'Ahead').waitFor();
    await offer(consultant, 'Behind').waitFor();
    expect(await consultant.getByTestId('availability-select').inputValue()).toBe('available');
    expect(await axeViolations(consultant)).toEqual([]);

    await offer(consultant, 'Ahead').getByTestId('take-button').click();
    await expect.poll(() => place(second)).toBe('1');
    await expect.poll(() => second.getByTestId('queue-estimate').textContent()).toMatch(/about \d+ min\./);

    await offer(consultant, 'Behind').getByTestId('take-button').click();
    await expect.poll(() => second.getByTestId('conversation-status').getAttribute('data-status')).toBe('active');
    expect(await second.getByTestId('conversation-status').textContent()).toContain('Anna');
    expect(await second.getByTestId('queue-status').count()).toBe(0);
    await Promise.all([first, second, consultant].map((page) => page.context().close()));
  });

  it('lets a consultant step away: nothing is offered to them while away', async () => {
    const consultant = await newPage();
    await signInConsultant(consultant, 'Beata');
    await consultant.getByTestId('availability-select').selectOption('away');
    await expect.poll(() => consultant.getByTestId('availability-select').getAttribute('data-availability')).toBe('away');

    const visitor = await newPage();
    await startAsVisitor(visitor, { name: 'Waiting for Beata' });
    await consultant.getByTestId('queue-item').filter({ hasText: 'Waiting for Beata' }).waitFor();
    expect(await offer(consultant, 'Waiting for Beata').count()).toBe(0);

    await consultant.getByTestId('availability-select').selectOption('available');
    await offer(consultant, 'Waiting for Beata').waitFor();
    await Promise.all([consultant, visitor].map((page) => page.context().close()));
  });

  it('tells a visitor nobody on duty speaks their language and lets them continue in one that is spoken', async () => {
    const consultant = await newPage();
    await signInConsultant(consultant, 'Celina');
    const visitor = await newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    await startAsVisitor(visitor, { name: 'Dmitrij', lang: 'ru' });
    const choice = visitor.getByTestId('queue-languages');
    await choice.waitFor();
    expect(await choice.locator('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('lang')))).toEqual(['pl', 'en']);
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('continue-in-en').focus();
    await visitor.keyboard.press('Enter');
    await offer(consultant, 'Dmitrij').waitFor();
    expect(await offer(consultant, 'Dmitrij').textContent()).toContain('English');
    await expect.poll(() => choice.count()).toBe(0);
    await offer(consultant, 'Dmitrij').getByTestId('take-button').click();
    await expect.poll(() => visitor.getByTestId('conversation-status').getAttribute('data-status')).toBe('active');
  });
});
