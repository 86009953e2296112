/**
 * Two-way machine translation in both apps through the real Apertium APY (English visitor,
 * Spanish-speaking consultant), behind the tests' logging proxy, which also stops the engine
 * mid-conversation: the originals are then delivered at once, marked, none lost or doubled.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apertiumUrl, startLoggingProxy, type LoggingProxy } from '../test/support/apertium';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

/** Skipped (with the reason printed by test/support/apertium.ts) without a local Apertium; never in CI. */
const describeWithEngine = apertiumUrl ? describeInChromium : describe.skip;

describeWithEngine('machine translation between an English visitor and a Spanish-speaking consultant', () => {
  let proxy: LoggingProxy;
  // Filled in before the desk's server starts (hooks run in the order they are registered).
  const env: Record<string, string> = { TRANSLATION_ENGINE: 'apertium', TRANSLATION_PATIENCE_MS: '1500' };
  beforeAll(async () => {
    proxy = await startLoggingProxy(apertiumUrl!);
    env.TRANSLATION_URL = proxy.url;
  });
  afterAll(() => proxy?.close());
  const desk = setUpDesk(env);

  it('translates both ways with the original on request, labels it in both apps and the transcript, and marks originals while the engine is stopped', async () => {
    const consultant = await desk.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const visitor = await desk.newPage({ acceptDownloads: true, bypassCSP: true });
    await desk.signInConsultant(consultant, 'Lucía');
    await desk.startAsVisitor(visitor, { lang: 'en', name: 'John' });
    await takeNewest(consultant);

    const panel = consultant.getByTestId('translation-panel');
    await panel.getByTestId('translation-language').selectOption('es');
    await panel.getByTestId('translation-enabled').check();
    await expect.poll(() => panel.getByTestId('translation-state').textContent()).toContain('English ↔ Español');
    expect(await axeViolations(consultant)).toEqual([]);

    await send(visitor, 'Hello, I need help with my work permit.');
    const inConsole = message(consultant, 'Machine-translated');
    await inConsole.waitFor();
    expect(await inConsole.getByTestId('message-text').textContent()).toMatch(/ayuda/i);
    expect(await inConsole.getByTestId('message-text').getAttribute('lang')).toBe('es');
    await inConsole.getByTestId('translation-toggle').click();
    expect(await inConsole.getByTestId('message-text').textContent()).toBe('Hello, I need help with my work permit.');
    expect(await message(visitor, 'Hello, I need help').getByTestId('translation-label').textContent()).toContain('Sent machine-translated');

    await send(consultant, 'Buenos días, ¿cómo puedo ayudarle?');
    const translatedForVisitor = message(visitor, 'Good morning');
    await translatedForVisitor.waitFor();
    // Found by its seq: once the original is shown it no longer says "Good morning".
    const inVisitor = visitor.getByTestId('message-list').locator(`[data-seq="${await translatedForVisitor.getAttribute('data-seq')}"]`);
    expect(await inVisitor.getByTestId('translation-label').textContent()).toContain('Machine-translated');
    await inVisitor.getByTestId('translation-toggle').click();
    expect(await inVisitor.getByTestId('message-text').textContent()).toBe('Buenos días, ¿cómo puedo ayudarle?');
    expect(await axeViolations(visitor)).toEqual([]);

    // The engine stops: each original arrives at once, once, marked; nothing is lost.
    proxy.down = true;
    const whileDown = ['First question while it is down', 'Second question while it is down'];
    for (const text of whileDown) await send(visitor, text);
    for (const text of whileDown) {
      const shown = message(consultant, text);
      await expect.poll(() => shown.getByTestId('translation-label').getAttribute('data-translation')).toBe('unavailable');
      expect(await shown.count()).toBe(1);
      expect(await shown.getByTestId('translation-label').textContent()).toBe('Translation unavailable: original shown');
    }
    await send(consultant, 'Un momento, por favor.');
    const markedForVisitor = message(visitor, 'Un momento, por favor.');
    await expect.poll(() => markedForVisitor.getByTestId('translation-label').getAttribute('data-translation')).toBe('unavailable');
    expect(await axeViolations(consultant)).toEqual([]);
    expect(await axeViolations(visitor)).toEqual([]);
    expect(proxy.texts().filter((text) => whileDown.includes(text))).toEqual(whileDown);

    const download = visitor.waitForEvent('download');
    await visitor.getByTestId('transcript-button').click();
    const transcript = readFileSync((await (await download).path())!, 'utf8');
    expect(transcript).toContain('Hello, I need help with my work permit.');
    expect(transcript).toMatch(/\[machine translation en → es\] .*ayuda/i);
    expect(transcript).toMatch(/\[machine translation es → en\] Good morning/i);
    expect(transcript).toContain('[machine translation en → es] Translation unavailable: original shown');
  });
});
