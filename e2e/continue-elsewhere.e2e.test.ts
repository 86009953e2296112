/**
 * Continuing a conversation on another device in real Chromium, each device its own browser
 * context: the visitor reads the case code off one page and types it, in lower case, on the other
 * (or opens the QR code's link there); the conversation and its backlog move over, the old page
 * says it moved, and the consultant's conversation goes on as if nothing happened. Every new
 * state is axe-clean in every visitor language.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

/** Ten languages, two browser contexts each, on two shared cores. */
const TEST_DEADLINE_MS = 180_000;

describeInChromium('continuing a conversation on another device', () => {
  // Every attempt below comes from 127.0.0.1: more than one visitor's hourly few.
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(','), CASE_CODE_ATTEMPTS_PER_HOUR: '1000' });
  /** axe-core is injected as an inline script, which the pages' CSP would block. */
  const newPage = (lang = 'en') => desk.newPage({ bypassCSP: true, locale: lang });

  async function caseCodeOf(page: Page): Promise<string> {
    const code = page.getByTestId('case-code');
    await code.waitFor();
    return (await code.textContent())!;
  }

  async function typeCode(page: Page, lang: string, code: string): Promise<void> {
    await desk.openVisitor(page, lang);
    await page.getByTestId('case-code-open').click();
    await page.getByTestId('case-code-input').fill(code);
    await page.getByTestId('case-code-submit').click();
  }

  it('moves the conversation to a second device by its code typed in lower case; the old page says it moved; the consultant goes on uninterrupted', async () => {
    const consultant = await newPage();
    await desk.signInConsultant(consultant, 'Celina');
    const phone = await newPage();
    await desk.startAsVisitor(phone, { name: 'Moving Maria' });
    await takeNewest(consultant);
    await send(phone, 'Written on the phone');
    await message(consultant, 'Written on the phone').waitFor();

    const code = await caseCodeOf(phone);
    expect(code).toMatch(/^EK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await phone.getByTestId('continue-elsewhere-toggle').click();
    await phone.getByTestId('continue-elsewhere-qr').waitFor();
    expect(await phone.getByTestId('continue-elsewhere-panel').textContent()).toContain(code);
    expect(await axeViolations(phone)).toEqual([]);

    const laptop = await newPage();
    await typeCode(laptop, 'en', code.toLowerCase());
    await laptop.getByTestId('message-input').waitFor();
    await message(laptop, 'Written on the phone').waitFor();

    const moved = phone.getByTestId('start-notice');
    await moved.waitFor();
    expect(await moved.getAttribute('data-code')).toBe('conversation_moved');
    expect(await moved.textContent()).toBe('This conversation now continues on another device. You can start a new one here.');
    expect(await phone.getByTestId('message-input').count()).toBe(0);

    await consultant.getByTestId('message-input').fill('Still with you');
    await consultant.getByTestId('send-button').click();
    await message(laptop, 'Still with you').waitFor();
    await send(laptop, 'Now on the laptop');
    await message(consultant, 'Now on the laptop').waitFor();
    // The consultant's side never ended or changed hands: the composer is still there, no system notice of an end.
    expect(await consultant.getByTestId('message-input').count()).toBe(1);
    expect(await consultant.getByTestId('closed-note').count()).toBe(0);
    // The new device shows a code of its own; the old one is used up.
    expect(await caseCodeOf(laptop)).not.toBe(code);

    const stranger = await newPage();
    await typeCode(stranger, 'en', code);
    const failure = stranger.getByTestId('case-code-failure');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('This case code does not open any conversation.');
    for (const page of [consultant, phone, laptop, stranger]) await page.context().close();
  });

  it('moves it by the QR code’s link, once; the secret leaves the address at once', async () => {
    const phone = await newPage();
    await desk.startAsVisitor(phone, { name: 'Scanning Sam' });
    await send(phone, 'Before scanning');
    await caseCodeOf(phone);
    const link = await phone.evaluate(() => (JSON.parse(localStorage.getItem('ek.visitor.case-code')!) as { caseCode: { link: string } }).caseCode.link);
    // The server was started without PUBLIC_URL: the link's path and secret, on the test server.
    const { pathname, hash } = new URL(link);
    const scanned = `${desk.server.baseUrl}${pathname}${hash}`;

    const tablet = await newPage();
    await tablet.goto(scanned);
    await message(tablet, 'Before scanning').waitFor();
    expect(new URL(tablet.url()).hash).toBe('');
    expect(new URL(tablet.url()).pathname).toBe('/');
    await phone.getByTestId('start-notice').waitFor();

    const again = await newPage();
    await again.goto(scanned);
    const notice = again.getByTestId('start-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('case_code_invalid');
    expect(await axeViolations(again)).toEqual([]);
    for (const page of [phone, tablet, again]) await page.context().close();
  });

  it('is axe-clean in every visitor language: the code and its QR code, the code form and its errors, the page that was left', async () => {
    for (const lang of UI_LANGUAGES) {
      const phone = await newPage(lang);
      await desk.startAsVisitor(phone, { lang, name: `Visitor ${lang}` });
      const code = await caseCodeOf(phone);
      await phone.getByTestId('continue-elsewhere-toggle').click();
      await phone.getByTestId('continue-elsewhere-qr').waitFor();
      expect(await axeViolations(phone), lang).toEqual([]);

      const laptop = await newPage(lang);
      await typeCode(laptop, lang, 'ek-0000');
      await laptop.locator('#case-code-error').waitFor();
      expect(await laptop.getByTestId('case-code-input').getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(laptop), lang).toEqual([]);
      await laptop.getByTestId('case-code-input').fill('EK-2222-2222');
      await laptop.getByTestId('case-code-submit').click();
      await laptop.getByTestId('case-code-failure').waitFor();
      expect(await axeViolations(laptop), lang).toEqual([]);

      await laptop.getByTestId('case-code-input').fill(code.replace(/-/g, '').toLowerCase());
      await laptop.getByTestId('case-code-submit').click();
      await laptop.getByTestId('message-input').waitFor();
      await phone.getByTestId('start-notice').waitFor();
      expect(await axeViolations(phone), lang).toEqual([]);
      await phone.context().close();
      await laptop.context().close();
    }
  }, TEST_DEADLINE_MS);
});

describeInChromium('guessing case codes in the browser', () => {
  // No proof-of-work margin past the limit (e2e/proof-of-work covers that): the second attempt is refused.
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(','), CASE_CODE_ATTEMPTS_PER_HOUR: '1', POW_CEILING_FACTOR: '1' });

  it('tells a visitor past the limit, in their language, to try again later', async () => {
    const page = await desk.newPage({ bypassCSP: true, locale: 'uk' });
    await desk.openVisitor(page, 'uk');
    await page.getByTestId('case-code-open').click();
    const failure = page.getByTestId('case-code-failure');
    for (const expected of ['Цей код справи не відкриває жодної розмови.', 'Забагато спроб із кодами справ. Спробуйте ще раз за годину.']) {
      await page.getByTestId('case-code-input').fill('ek-2222-2222');
      await page.getByTestId('case-code-submit').click();
      await expect.poll(() => failure.textContent()).toContain(expected);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
