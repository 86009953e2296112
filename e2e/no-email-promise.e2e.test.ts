/**
 * A desk without SMTP_URL promises no e-mail anywhere (the desk with SMTP keeps its promises:
 * leave-message.e2e.test.ts and booking.e2e.test.ts). A left message and a booked call ask for no
 * address; the visitor is told to keep the private link, shown whole with a copy button, and the
 * reference large; the private page and the console say the answer is read there.
 * The desk is open with nobody on duty, which offers both on the start page.
 */
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('no e-mail promised without SMTP', () => {
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(','), LEFT_MESSAGES_PER_HOUR: '1000' });

  it('leaves a message without an address in every visitor language: the link to keep, copied, and the reference large', async () => {
    const page = await desk.newPage({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    for (const lang of UI_LANGUAGES) {
      await desk.openVisitor(page, lang);
      await page.getByTestId('leave-message-open').click();
      await page.getByTestId('lm-topic').selectOption('work');
      expect(await page.getByTestId('lm-email').count(), lang).toBe(0);
      if (lang === 'en') expect(await page.getByTestId('leave-message').innerText()).not.toMatch(/e-?mail/i);
      await page.getByTestId('lm-body').fill(`A question in ${lang}`);
      await page.getByTestId('lm-consent').check();
      expect(await axeViolations(page), lang).toEqual([]);
      await page.getByTestId('lm-submit').click();

      const reference = page.getByTestId('lm-reference');
      expect(await reference.innerText()).toMatch(/^EK-/);
      expect(await reference.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(24);
      const link = await page.getByTestId('lm-keep-link-url').inputValue();
      expect(link).toMatch(new RegExp(`^${desk.server.baseUrl}/message#[A-Za-z0-9_-]{16,}$`));
      if (lang === 'en') expect(await page.getByTestId('lm-sent').innerText()).toContain('We do not send e-mails, so keep this private link');
      await page.getByTestId('lm-keep-link-copy').click();
      await page.getByTestId('lm-keep-link-copied').filter({ hasText: /\S/ }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      expect(await axeViolations(page), lang).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(360);
    }
  });

  it('the private page and the console say the answer is read on the private page', async () => {
    const visitor = await desk.newPage({ bypassCSP: true });
    await desk.openVisitor(visitor, 'en');
    await visitor.getByTestId('leave-message-open').click();
    await visitor.getByTestId('lm-topic').selectOption('work');
    await visitor.getByTestId('lm-body').fill('Where do I collect my card?');
    await visitor.getByTestId('lm-consent').check();
    await visitor.getByTestId('lm-submit').click();
    const reference = (await visitor.getByTestId('lm-reference').innerText()).trim();
    await visitor.goto(await visitor.getByTestId('lm-keep-link-url').inputValue());
    expect(await visitor.getByTestId('left-message-no-answer').innerText()).toBe(
      'There is no answer yet. It will appear on this page: come back later with your private link.',
    );
    expect(await axeViolations(visitor)).toEqual([]);

    const consultant = await desk.newPage({ bypassCSP: true });
    await desk.signInConsultant(consultant);
    await consultant.getByTestId('view-inbox').click();
    await consultant.locator(`[data-testid="inbox-item"][data-reference="${reference}"]`).click();
    expect(await consultant.getByTestId('inbox-detail').innerText()).toContain("Their message's private page only (no e-mail is sent)");
    expect(await consultant.getByTestId('inbox-answer-hint').innerText()).toBe(
      "No e-mail is sent: the visitor reads the answer, in English, on their message's private page.",
    );
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.context().close(); // off duty again, for the next test
  });

  it('books a call without an address and shows the link to keep, selected when there is no clipboard to copy it to', async () => {
    await desk.createConsultant('Olena'); // speaks Polish and English, not signed in: slots, nobody on duty
    const page = await desk.newPage({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await desk.openVisitor(page, 'en');
    await page.getByTestId('nobody-on-duty').waitFor();
    expect(await page.getByTestId('booking').innerText()).not.toMatch(/e-?mail/i);
    await page.getByTestId('booking-open').click();
    await page.getByTestId('booking-form').waitFor();
    expect(await page.getByTestId('booking-email').count()).toBe(0);
    await page.getByTestId('booking-topic').selectOption('work');
    await page.getByTestId('booking-days').getByRole('radio').first().check();
    await page.getByTestId('booking-slot').first().getByRole('radio').check();
    await page.getByTestId('booking-accept').check();
    expect(await page.getByTestId('booking-form').innerText()).not.toMatch(/e-?mail/i);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-done').waitFor();
    const done = await page.getByTestId('booking-done').innerText();
    expect(done).toContain('We do not send e-mails, so keep this private link');
    expect(done).not.toMatch(/We (will|have) sen[dt]|in the e-mail/i);
    expect(await page.getByTestId('booking-keep-link-url').inputValue()).toMatch(new RegExp(`^${desk.server.baseUrl}/booking\\?lang=en#`));
    expect(await axeViolations(page)).toEqual([]);

    // Outside a secure context there is no clipboard: the link is selected and copying said to fail.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.getByTestId('booking-keep-link-copy').click();
    await page.getByTestId('booking-keep-link-copied').filter({ hasText: /\S/ }).waitFor();
    expect(await page.getByTestId('booking-keep-link-copied').innerText()).toBe('The link could not be copied. It is selected: copy it yourself.');
    expect(await page.getByTestId('booking-keep-link-url').evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart!, input.selectionEnd!))).toBe(
      await page.getByTestId('booking-keep-link-url').inputValue(),
    );
  });
});
