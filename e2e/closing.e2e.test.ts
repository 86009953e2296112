/**
 * Waiting visitors at closing in real Chromium: the desk closes in a few minutes, so each waiting
 * visitor is offered, in their language, to leave a message instead or to book a call; one turns
 * the conversation into a left message (what they wrote prefilled, no e-mail address) and reads it
 * on its private page; the console marks who is affected. Every new state is axe-clean.
 */
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { send, setUpDesk } from './support/desk';

/**
 * An office whose day ends 8 minutes from now, in a time zone where it is now around noon (so the
 * day does not wrap past midnight): within the closing notice from the start.
 */
function closingSoonEnv(): Record<string, string> {
  const now = new Date();
  const offset = 12 - now.getUTCHours();
  const zone = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  const closes = new Date(now.getTime() + (offset * 60 + 8) * 60_000);
  const hhmm = `${String(closes.getUTCHours()).padStart(2, '0')}:${String(closes.getUTCMinutes()).padStart(2, '0')}`;
  return { OFFICE_TIME_ZONE: zone, OFFICE_HOURS: `mon-sun 00:00-${hhmm}`, HOLIDAYS: 'none', LAST_ENTRY_MINUTES: '0', LANGUAGES: UI_LANGUAGES.join(',') };
}

/** One sweep (5 s) may pass before the offer is made. */
const OFFERED_WITHIN = { timeout: 20_000 };
/** Four visitors, each waiting for a sweep, on two shared cores. */
const TEST_DEADLINE_MS = 120_000;

describeInChromium('waiting visitors at closing', () => {
  const desk = setUpDesk(closingSoonEnv());
  const newPage = (lang = 'en') => desk.newPage({ bypassCSP: true, locale: lang });

  it('offers each waiting visitor, in their language, a left message or a booking; the console shows who is affected', async () => {
    const consultant = await newPage();
    await desk.signInConsultant(consultant, 'Celina');
    await consultant.getByTestId('availability-select').selectOption('away');
    for (const lang of UI_LANGUAGES) {
      const visitor = await newPage(lang);
      await desk.startAsVisitor(visitor, { lang, name: `Late ${lang}` });
      await visitor.getByTestId('closing-offer').waitFor(OFFERED_WITHIN);
      expect(await visitor.getByTestId('booking-open').count()).toBe(1);
      expect(await axeViolations(visitor)).toEqual([]);
      await visitor.context().close();
    }
    await consultant.getByTestId('queue-item').filter({ hasText: 'Late ru' }).getByTestId('closing-offered').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.context().close();
  }, TEST_DEADLINE_MS);

  it('turns the conversation into a left message: what the visitor wrote is kept, no e-mail needed, the private link leads to it', async () => {
    const visitor = await newPage();
    await desk.startAsVisitor(visitor, { name: 'Leaving Lena' });
    await send(visitor, 'My residence card expires next week.');
    await visitor.getByTestId('closing-offer').waitFor(OFFERED_WITHIN);

    await visitor.getByTestId('leave-instead-open').click();
    const body = visitor.getByTestId('li-body');
    await body.waitFor();
    expect(await body.inputValue()).toBe('My residence card expires next week.');
    await body.fill('My residence card expires next week. What do I need?');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByTestId('li-consent').check();
    await visitor.getByTestId('li-submit').click();

    const reference = await visitor.getByTestId('left-instead-reference').textContent();
    expect(reference).toMatch(/^EK-/);
    await expect.poll(() => visitor.getByTestId('message-list').textContent()).toContain('Your conversation was turned into a message.');
    expect(await visitor.getByTestId('message-input').count()).toBe(0);
    expect(await axeViolations(visitor)).toEqual([]);

    await visitor.getByTestId('left-instead-link').click();
    await visitor.getByTestId('left-message').waitFor();
    expect(await visitor.getByTestId('left-message-reference').textContent()).toBe(reference);
    expect(await visitor.getByTestId('left-message').textContent()).toContain('My residence card expires next week. What do I need?');
    await visitor.context().close();
  });
});
