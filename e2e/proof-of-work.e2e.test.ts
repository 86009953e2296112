/**
 * Abuse control without a puzzle: past the per-address limit of new conversations the server asks
 * for a proof of work, which the visitor's browser solves in a worker while a polite status says
 * so; the conversation then starts as usual. Nothing for the visitor to do; axe-clean meanwhile.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('the proof of work past a limit', () => {
  // One new conversation a minute per address; the search large enough to watch, small enough for CI.
  const desk = setUpDesk({ CONVERSATIONS_PER_MINUTE: '1', POW_MAX_NUMBER: '100000' });

  it('starts a second conversation from the same address after the automatic check, which was announced', async () => {
    await desk.startAsVisitor(await desk.newPage());

    // Every browser of the test comes from the same address, now at its limit.
    const visitor = await desk.newPage({ bypassCSP: true });
    await desk.openVisitor(visitor);
    await visitor.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const region = document.querySelector('[data-testid="automation-check"]')!;
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
    });
    expect(await visitor.getByTestId('automation-check').getAttribute('role')).toBe('status');
    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();

    // The search takes a moment; should this machine finish it before the status is seen, the
    // observer below still proves it was said.
    const status = visitor.getByTestId('automation-check').getByText('Checking that you are not an automated program');
    const checked = await status.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (checked) expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('message-input').waitFor({ timeout: 90_000 });
    const said = await visitor.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said).toContain('Checking that you are not an automated program – a moment…');
    expect(await axeViolations(visitor)).toEqual([]);
  });
});
