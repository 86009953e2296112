/**
 * Arabic on a phone: the page runs right to left and its layout mirrors (logical CSS), a Latin
 * consultant's name stays whole inside Arabic sentences (<bdi>), nothing scrolls sideways, and
 * axe-core finds nothing, before and during a conversation.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { message, send, setUpDesk, takeNewest } from './support/desk';

const PHONE = { width: 360, height: 740 };

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function box(page: Page, testId: string, text: string) {
  const found = await page.getByTestId(testId).filter({ hasText: text }).boundingBox();
  if (!found) throw new Error(`${testId} "${text}" is not on the page`);
  return found;
}

describeInChromium('an Arabic visitor on a phone', () => {
  const desk = setUpDesk({ LANGUAGES: 'pl,en,ar' });

  it('reads right to left with the layout mirrored, names isolated, no sideways scrolling and no axe violations', async () => {
    const visitor = await desk.newPage({ bypassCSP: true, viewport: PHONE, locale: 'ar' });
    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant, 'Anna Nowak');

    await desk.openVisitor(visitor, 'ar');
    expect(await visitor.getAttribute('html', 'lang')).toBe('ar');
    expect(await visitor.getAttribute('html', 'dir')).toBe('rtl');
    expect(await horizontalOverflow(visitor)).toBeLessThanOrEqual(0);
    expect(await axeViolations(visitor)).toEqual([]);

    await desk.startAsVisitor(visitor, { lang: 'ar', name: 'فاطمة' });
    await takeNewest(consultant);
    await send(visitor, 'مرحبًا، فقدت عملي. ماذا أفعل بتصريح الإقامة؟');
    await message(consultant, 'فقدت عملي').waitFor();
    await send(consultant, 'أبلغ المحافظ كتابيًا خلال 15 يوم عمل.');
    await message(visitor, 'أبلغ المحافظ').waitFor();

    // Mirrored: the visitor's own message hugs the left edge of the log, the consultant's the right.
    const log = await visitor.getByTestId('message-list').boundingBox();
    const own = await box(visitor, 'message', 'فقدت عملي');
    const theirs = await box(visitor, 'message', 'أبلغ المحافظ');
    expect(log).not.toBeNull();
    expect(own.x - log!.x).toBeLessThan(theirs.x - log!.x);
    expect(log!.x + log!.width - (theirs.x + theirs.width)).toBeLessThan(log!.x + log!.width - (own.x + own.width));

    await expect.poll(() => visitor.getByTestId('conversation-status').locator('bdi').textContent()).toBe('Anna Nowak');
    expect(await message(visitor, 'أبلغ المحافظ').locator('bdi.message-author').textContent()).toBe('Anna Nowak');
    expect(await horizontalOverflow(visitor)).toBeLessThanOrEqual(0);
    expect(await axeViolations(visitor)).toEqual([]);
  });
});
