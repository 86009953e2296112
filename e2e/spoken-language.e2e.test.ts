/**
 * "My language is not listed": the visitor finds their language in a searchable list of names
 * written in their own scripts, the conversation carries it, and the supervisor's view shows it.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('a visitor whose language is not listed', () => {
  const desk = setUpDesk();

  it('names it from a searchable list, and the supervisor sees it beside the conversation language', async () => {
    const supervisor = await desk.newPage({ viewport: { width: 1280, height: 720 } });
    await desk.signInConsultant(supervisor, 'Maria', 'supervisor');

    const visitor = await desk.newPage({ bypassCSP: true });
    await desk.openVisitor(visitor, 'ru');
    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('visitor-name').fill('Dilnoza');
    await visitor.getByTestId('spoken-language-open').click();
    await visitor.getByTestId('spoken-language-search').fill('ozb');
    await expect.poll(() => visitor.getByTestId('spoken-language-list').locator('option').allTextContents()).toEqual(['o‘zbek — узбекский']);
    expect(await visitor.getByTestId('spoken-language-list').locator('option').getAttribute('lang')).toBe('uz');
    await visitor.getByTestId('spoken-language-list').selectOption('uz');
    await visitor.getByTestId('spoken-language-chosen').getByText('o‘zbek').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();
    await visitor.getByTestId('message-input').waitFor();

    await supervisor.getByTestId('view-supervision').click();
    const row = supervisor.getByTestId('supervisor-queue').locator('tr', { hasText: 'Dilnoza' });
    await expect.poll(() => row.textContent()).toContain("Russian (the visitor's own: Uzbek)");
  });
});
