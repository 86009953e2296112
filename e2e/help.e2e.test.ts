/**
 * The knowledge base in real Chromium: the help pages with JavaScript switched off, suggestions
 * while a visitor writes, the /admin editor, and axe on all of them in every language.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk } from './support/desk';

describeInChromium('the help pages and suggestions', () => {
  const desk = setUpDesk();
  const url = (path: string) => `${desk.server.baseUrl}${path}`;

  it('work without JavaScript: index by topic, search, an article with its date and language, and the yes/no question', async () => {
    const page = await desk.newPage({ javaScriptEnabled: false });
    await page.goto(url('/help?lang=pl'));
    expect(await page.locator('h1').textContent()).toBe('Pomoc');
    await page.getByRole('link', { name: 'Jak umówić rozmowę' }).waitFor();

    await page.getByLabel('Szukaj w pomocy').fill('umowic rozmowe');
    await page.getByRole('button', { name: 'Szukaj' }).click();
    await page.getByRole('heading', { name: /Wyniki dla/ }).waitFor();
    await page.locator('section[aria-labelledby="help-results"]').getByRole('link', { name: 'Jak umówić rozmowę' }).click();

    expect(await page.locator('article h1').textContent()).toBe('Jak umówić rozmowę');
    expect(await page.locator('article').getAttribute('lang')).toBe('pl');
    await page.getByText('Język: Polski').waitFor();
    await page.getByText('Przykład do przejrzenia').waitFor();
    await page.getByRole('button', { name: 'Tak' }).click();
    await page.getByText('Dziękujemy za odpowiedź.').waitFor();
    expect(page.url()).toContain('thanks=1');
  });

  it('are axe-clean in every language: index, search results and an article', async () => {
    const page = await desk.newPage({ bypassCSP: true });
    for (const language of UI_LANGUAGES) {
      for (const path of [`/help?lang=${language}`, `/help?lang=${language}&q=call`, `/help/office/how-to-book-a-call?lang=${language}`]) {
        await page.goto(url(path));
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      }
    }
  });

  it('suggests an article to a visitor writing in Ukrainian, which opens in a new tab while the question stays', async () => {
    const page = await desk.newPage({ bypassCSP: true });
    await desk.openVisitor(page, 'uk');
    await page.getByTestId('topic-select').selectOption('office');
    const question = 'Як записатися на розмову з консультантом?';
    await page.getByTestId('visitor-question').fill(question);
    const suggestion = page.getByTestId('help-suggestions').getByRole('link', { name: /Як записатися на розмову/ });
    await suggestion.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [article] = await Promise.all([page.context().waitForEvent('page'), suggestion.click()]);
    await article.waitForLoadState();
    expect(await article.locator('article h1').textContent()).toBe('Як записатися на розмову');
    expect(await page.getByTestId('visitor-question').inputValue()).toBe(question);

    // Starting the conversation keeps the question, waiting in the message box.
    await page.getByTestId('privacy-accept').check();
    await page.getByTestId('start-button').click();
    await expect.poll(() => page.getByTestId('message-input').inputValue()).toBe(question);
  });

  it('lets a consultant send an article link, which the visitor sees as a card and reads in a panel without losing the draft', async () => {
    const { visitor, consultant } = await desk.conversationInProgress({ lang: 'en' }, { bypassCSP: true });
    await consultant.getByTestId('help-articles-button').click();
    await consultant.getByTestId('help-picker-search').fill('book a call');
    await consultant.getByTestId('help-picker-results').getByRole('button', { name: /How to book a call/ }).click();
    const link = `${desk.server.baseUrl}/help/office/how-to-book-a-call?lang=en`;
    await expect.poll(() => consultant.getByTestId('message-input').inputValue()).toBe(`How to book a call: ${link}`);
    await consultant.getByTestId('message-input').press('Enter');
    await visitor.locator(`a[href="${link}"]`).waitFor();

    // The visitor sees a card, reads the article in a panel beside the chat, and the draft stays.
    const draft = 'I will ask about the documents next';
    await visitor.getByTestId('message-input').fill(draft);
    const card = visitor.getByTestId('help-card');
    await card.getByRole('button', { name: /How to book a call/ }).click();
    const panel = visitor.getByTestId('help-panel');
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('How to book a call');
    expect(await visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('help-panel-close');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await visitor.evaluate(() => document.activeElement?.textContent)).toContain('How to book a call');
    await card.getByRole('button', { name: /How to book a call/ }).click();
    await visitor.getByTestId('help-panel-close').click();
    await panel.waitFor({ state: 'detached' });
    expect(await visitor.getByTestId('message-input').inputValue()).toBe(draft);
  });

  it('lets a consultant link an article in a canned answer by its stable address, which the visitor sees as a card (full screen on a phone)', async () => {
    const { visitor, consultant } = await desk.conversationInProgress({ lang: 'en' }, { viewport: { width: 375, height: 700 } });
    await consultant.getByTestId('canned-button').click();
    await consultant.getByTestId('manage-canned').click();
    const mine = consultant.getByTestId('personal-answers');
    await mine.getByLabel('Title').fill('Booking');
    await mine.getByLabel('Text').fill('You can book a call here:');
    await mine.getByTestId('insert-article-link').click();
    await consultant.getByTestId('help-picker-search').fill('book a call');
    await consultant.getByTestId('help-picker-results').getByRole('button', { name: /How to book a call/ }).click();
    const link = `${desk.server.baseUrl}/help/office/how-to-book-a-call`;
    await expect.poll(() => mine.getByLabel('Text').inputValue()).toBe(`You can book a call here:\nHow to book a call: ${link}`);
    await mine.getByRole('button', { name: 'Save answer' }).click();
    await consultant.getByTestId('canned-option').filter({ hasText: 'Booking' }).click();
    await expect.poll(() => consultant.getByTestId('message-input').inputValue()).toContain(link);
    await consultant.getByTestId('message-input').press('Enter');
    await visitor.getByTestId('help-card').getByRole('button', { name: /How to book a call/ }).click();
    const panel = visitor.getByTestId('help-panel');
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('How to book a call');
    expect(await panel.boundingBox()).toMatchObject({ x: 0, width: 375 });
    await visitor.getByTestId('help-panel-close').click();
    await panel.waitFor({ state: 'detached' });
  });
});

describeInChromium('the help editor in /admin', () => {
  const desk = setUpDesk();

  async function signInAsAdmin(page: Page, language: string) {
    const email = await desk.createConsultant(`Admin ${language}`, 'admin');
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await page.evaluate((code) => localStorage.setItem('e-konsultant.console.language', code), language);
    await page.reload();
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('logout').waitFor();
  }

  it.each(UI_LANGUAGES)('is axe-clean in %s, with the starter set listed and the language versions side by side', async (language) => {
    const page = await desk.newPage({ bypassCSP: true });
    await signInAsAdmin(page, language);
    await page.goto(`${desk.server.baseUrl}/admin/#/help`);
    await page.getByTestId('help-list').waitFor();
    expect(await page.getByTestId('help-list').locator(':scope > li').count()).toBe(5);
    expect({ language, list: await axeViolations(page) }).toEqual({ language, list: [] });
    await page.getByTestId('help-list').locator(':scope > li').first().getByRole('button').first().click();
    await page.getByTestId('help-editor').waitFor();
    expect(await page.getByTestId('help-editor').locator('fieldset').count()).toBe(4);
    expect({ language, editor: await axeViolations(page) }).toEqual({ language, editor: [] });
    await page.context().close();
  });

  it('publishes a new article that visitors then find', async () => {
    const page = await desk.newPage({ bypassCSP: true });
    await signInAsAdmin(page, 'en');
    await page.goto(`${desk.server.baseUrl}/admin/#/help`);
    await page.getByTestId('help-new').click();
    await page.getByLabel('Address (part of the URL)').fill('residence-card-pickup');
    const english = page.getByTestId('help-editor').locator('fieldset', { hasText: 'English' });
    await english.getByLabel('Title').fill('Picking up a residence card');
    await english.getByLabel('Text (Markdown)').fill('Bring your **passport**. <script>alert(1)</script>');
    await english.getByLabel('Status').selectOption('published');
    await page.getByTestId('help-save').click();
    await page.getByTestId('help-list').getByText('Picking up a residence card').waitFor();

    const visitor = await desk.newPage();
    await visitor.goto(`${desk.server.baseUrl}/help?lang=en&q=residence+cards`);
    await visitor.locator('section[aria-labelledby="help-results"]').getByRole('link', { name: 'Picking up a residence card' }).click();
    expect(await visitor.locator('article strong').textContent()).toBe('passport');
    expect(await visitor.locator('article script').count()).toBe(0);
  });
});
