/**
 * "Open" is honest: with the desk open but nobody on duty who speaks the visitor's language, the
 * start page says so before the visitor starts and offers leaving a message or booking a call —
 * and it changes by itself when a consultant comes on duty.
 */
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('open, but nobody on duty', () => {
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') });

  it('says so before the start form in every visitor language, offers a message or a call, and passes axe', async () => {
    const page = await desk.newPage({ bypassCSP: true });
    for (const lang of UI_LANGUAGES) {
      await desk.openVisitor(page, lang);
      const notice = page.getByTestId('nobody-on-duty');
      await notice.waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      // Before the start form in the page's order, so nobody starts without having read it.
      const order = await page.evaluate(() =>
        ['nobody-on-duty', 'leave-message', 'booking', 'start-button'].map((id) => {
          const element = document.querySelector(`[data-testid="${id}"]`);
          return element ? Math.round(element.getBoundingClientRect().top + window.scrollY) : null;
        }),
      );
      expect(order.every((top) => top !== null), `${lang}: ${JSON.stringify(order)}`).toBe(true);
      expect([...order].sort((a, b) => a! - b!), lang).toEqual(order);
      expect(await axeViolations(page), lang).toEqual([]);
    }
  });

  it('goes away by itself when a consultant who speaks the language comes on duty (saying so), and stays for a language nobody on duty speaks', async () => {
    const english = await desk.newPage();
    await desk.openVisitor(english, 'en');
    expect(await english.getByTestId('nobody-on-duty').innerText()).toMatch(/No consultant is online right now/);

    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant); // speaks Polish and English

    await english.getByTestId('nobody-on-duty').waitFor({ state: 'detached' });
    // The status region says so instead of going silent.
    expect(await english.getByRole('status').filter({ has: english.getByTestId('came-on-duty') }).innerText()).toBe('A consultant is online now.');
    expect(await english.getByTestId('leave-message').count()).toBe(0);
    expect(await english.getByTestId('booking').count()).toBe(0);

    const ukrainian = await desk.newPage();
    await desk.openVisitor(ukrainian, 'uk');
    expect(await ukrainian.getByTestId('nobody-on-duty').innerText()).toMatch(/хто розмовляє мовою: Українська/);
    await ukrainian.getByTestId('leave-message').waitFor();

    await consultant.getByTestId('logout').click();
    await english.getByTestId('nobody-on-duty').waitFor();
  });
});
