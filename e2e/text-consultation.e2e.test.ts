/**
 * What a visitor and consultants do, in real Chromium against a real server process.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../src/shared/languages';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

describeInChromium('text consultation in the browser', () => {
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') });
  const { newPage, startAsVisitor, signInConsultant } = desk;

  it('lets a visitor and a consultant talk both ways, and the visitor keeps the history across a reload', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);

    await send(visitor, 'I lost my job last week. What do I do?');
    await message(consultant, 'I lost my job last week').waitFor();
    await expect.poll(() => message(visitor, 'I lost my job').getAttribute('data-status')).toBe('delivered');

    await send(consultant, 'Notify the voivode within 15 working days.');
    await message(visitor, 'Notify the voivode within 15 working days.').waitFor();

    await visitor.reload();
    await message(visitor, 'I lost my job last week').waitFor();
    await message(visitor, 'Notify the voivode within 15 working days.').waitFor();
    const seqs = await visitor.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('sends a message typed while offline once the connection is back, exactly once', async () => {
    const visitor = await newPage();
    const consultant = await newPage();
    await signInConsultant(consultant);
    await startAsVisitor(visitor);
    await takeNewest(consultant);

    await visitor.context().setOffline(true);
    await expect.poll(() => visitor.getByTestId('connection-state').getAttribute('data-state'), { timeout: 40_000 }).not.toBe('open');
    await send(visitor, 'Written without a connection');
    await expect.poll(() => message(visitor, 'Written without a connection').getAttribute('data-status')).toBe('sending');

    await visitor.context().setOffline(false);
    await expect.poll(() => message(visitor, 'Written without a connection').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    await message(consultant, 'Written without a connection').waitFor();
    await visitor.reload();
    await message(visitor, 'Written without a connection').waitFor();
    expect(await message(visitor, 'Written without a connection').count()).toBe(1);
    expect(await message(consultant, 'Written without a connection').count()).toBe(1);
  });

  it('gives a conversation to one of two consultants who take it at once, and tells the other', async () => {
    const visitor = await newPage();
    const [first, second] = [await newPage(), await newPage()];
    await signInConsultant(first);
    await signInConsultant(second);
    await startAsVisitor(visitor, { name: 'Race' });
    const items = [first, second].map((page) => page.getByTestId('queue-item').filter({ hasText: 'Race' }));
    await Promise.all(items.map((item) => item.waitFor()));

    // Both buttons are held first and pressed together: click() waits for each to be stable, long
    // enough for the first take to remove the other button before it is pressed.
    const buttons = await Promise.all(items.map((item) => item.getByTestId('take-button').elementHandle()));
    await Promise.all(buttons.map((button) => button.evaluate((element) => (element as HTMLElement).click())));

    const outcome = async (page: Page) =>
      Promise.race([
        page.getByTestId('my-conversation').filter({ hasText: 'Race' }).waitFor().then(() => 'took'),
        page.getByTestId('console-error').waitFor().then(() => 'told'),
      ]);
    const outcomes = await Promise.all([outcome(first), outcome(second)]);
    expect([...outcomes].sort()).toEqual(['told', 'took']);
    // The button that was pressed is gone: focus moves to the queue's heading, not to <body>.
    const told = outcomes[0] === 'told' ? first : second;
    await expect
      .poll(() => told.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('queue-heading');
  });

  it('lets the visitor download the transcript as text and as PDF, and end the conversation', async () => {
    // Kyiv's clock is an hour ahead of the office's (Warsaw): the chat names the zone of its times.
    const visitor = await newPage({ acceptDownloads: true, timezoneId: 'Europe/Kyiv' });
    await startAsVisitor(visitor, { lang: 'pl' });
    await send(visitor, 'Pytanie o kartę pobytu');
    await expect.poll(() => message(visitor, 'Pytanie o kartę pobytu').getAttribute('data-status')).toBe('delivered');
    expect(await message(visitor, 'Pytanie o kartę pobytu').locator('time').textContent()).toMatch(/^\d\d:\d\d \S/);

    const { readFileSync } = await import('node:fs');
    const download = visitor.waitForEvent('download');
    await visitor.getByTestId('transcript-button').click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    expect(text).toContain('Zapis konsultacji');
    expect(text).toContain('Wszystkie godziny podano według czasu urzędu (strefa Europe/Warsaw).');
    expect(text).toContain('Pytanie o kartę pobytu');

    // The PDF is the next stop of the keyboard after the plain text, and named for what it downloads.
    await visitor.getByTestId('transcript-button').focus();
    await visitor.keyboard.press('Tab');
    const pdfButton = visitor.getByTestId('transcript-pdf-button');
    await expect.poll(() => pdfButton.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await pdfButton.getAttribute('aria-label')).toBe('Pobierz zapis rozmowy w formacie PDF');
    const pdfResponse = visitor.waitForResponse((response) => new URL(response.url()).pathname === '/api/conversations/current/transcript.pdf');
    const pdfDownload = visitor.waitForEvent('download');
    await visitor.keyboard.press('Enter');
    expect((await pdfResponse).headers()['content-type']).toBe('application/pdf');
    expect((await pdfDownload).suggestedFilename()).toMatch(/^e-konsultant-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync((await (await pdfDownload).path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await visitor.getByTestId('end-button').click();
    await visitor.getByTestId('end-confirm').click();
    await visitor.getByTestId('conversation-ended').waitFor();
  });

  it('follows the language choice in <html lang> and every visible text', async () => {
    const page = await newPage({ locale: 'uk-UA' });
    await page.goto(desk.server.baseUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    await page.getByTestId('status-open').waitFor();
    await page.getByTestId('language-select').selectOption('ru');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ru');
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
    for (const language of UI_LANGUAGES) {
      it(`has no violations on the visitor page in ${language}, before and during a conversation`, async () => {
        const page = await newPage({ bypassCSP: true });
        await page.goto(`${desk.server.baseUrl}/?lang=${language}`);
        await page.getByTestId('status-open').waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('topic-select').selectOption('work');
        await page.getByTestId('privacy-accept').check();
        await page.getByTestId('start-button').click();
        await page.getByTestId('message-input').waitFor();
        await send(page, 'Hello');
        await message(page, 'Hello').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    it('has no violations on the visitor page at 360 px wide', async () => {
      const page = await newPage({ bypassCSP: true, viewport: { width: 360, height: 740 } });
      await page.goto(`${desk.server.baseUrl}/?lang=en`);
      await page.getByTestId('status-open').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    it('has no violations on the console sign-in and desk', async () => {
      const page = await newPage({ bypassCSP: true, viewport: { width: 1280, height: 720 } });
      await page.goto(`${desk.server.baseUrl}/console/`);
      await page.getByTestId('login-email').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const visitor = await newPage();
      await startAsVisitor(visitor, { name: 'Axe' });
      await signInConsultant(page);
      await takeNewest(page);
      await send(page, 'Good morning');
      await message(page, 'Good morning').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
