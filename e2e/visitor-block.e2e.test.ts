/**
 * Abuse control: a consultant blocks the visitor of a conversation from the console (a reason is
 * required); from then on that network cannot start a consultation, and the start form says until
 * when — nothing of why; a supervisor sees the block and lifts it. Axe-clean.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk, takeNewest } from './support/desk';

describeInChromium('blocking a visitor from the console', () => {
  const desk = setUpDesk();

  it('blocks the visitor with a reason and a time, and the visitor is refused a new consultation', async () => {
    const consultant = await desk.newPage({ bypassCSP: true });
    await desk.signInConsultant(consultant);
    await desk.startAsVisitor(await desk.newPage());
    await takeNewest(consultant);
    await consultant.locator('.block-panel summary').click();
    await consultant.getByTestId('block-button').click();
    await consultant.locator('#block-reason-error').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByTestId('block-hours').selectOption('24');
    await consultant.getByTestId('block-reason').fill('Insults in every message');
    await consultant.getByTestId('block-button').click();
    await consultant.getByTestId('block-done').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    // Every browser of the test comes from the same address: the blocked network.
    const visitor = await desk.newPage({ bypassCSP: true });
    await desk.openVisitor(visitor);
    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();
    const refusal = visitor.getByTestId('start-failure');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('This device cannot start a consultation until');
    expect(text).not.toContain('Insults');
    expect(await axeViolations(visitor)).toEqual([]);

    // A supervisor sees the block with its reason and lifts it: the visitor may start again.
    const supervisor = await desk.newPage({ bypassCSP: true });
    await desk.signInConsultant(supervisor, 'Supervisor', 'supervisor');
    await supervisor.getByTestId('view-supervision').click();
    const row = supervisor.getByTestId('block-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Insults in every message');
    expect(await axeViolations(supervisor)).toEqual([]);
    await row.getByTestId('block-lift').click();
    await supervisor.getByTestId('supervisor-blocks').getByText('No visitor is blocked.').waitFor();
    await visitor.getByTestId('start-button').click();
    await visitor.getByTestId('message-input').waitFor();
  });
});
