/**
 * Destructive confirmations and button states, measured in the browser: ending the conversation on
 * a phone asks first, with the choices away from the finger that tapped End, focus on the safe
 * choice and Escape cancelling; every button variant of the visitor page and of the staff apps
 * keeps its text at 4.5:1 or more at rest, under the pointer and while pressed.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { contrastRatio, WCAG_AA_TEXT_CONTRAST } from '../src/shared/contrast';
import { axeViolations, describeInChromium } from './support/browser';
import { message, setUpDesk, takeNewest } from './support/desk';

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/**
 * Watches for the element with `testId` to leave the page and keeps what had focus at that moment
 * (in the mutation's microtask, before any frame is drawn): a focus that arrives a frame later has
 * left a screen reader on nothing meanwhile. Read it with `focusAtRemoval(page)`.
 */
const watchFocusAtRemoval = (page: Page, testId: string) =>
  page.evaluate((testId) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(`[data-testid="${testId}"]`)) return;
      observer.disconnect();
      (window as { focusAtRemoval?: string | null }).focusAtRemoval = document.activeElement?.getAttribute('data-testid') ?? null;
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, testId);
const focusAtRemoval = (page: Page) => page.evaluate(() => (window as { focusAtRemoval?: string | null }).focusAtRemoval);

/** The button variants each app's stylesheet defines, as its pages use them. */
const VISITOR_BUTTONS = ['button', 'button button--primary', 'button button--danger', 'button button--quiet', 'button button--small', 'button button--small button--quiet'];
const STAFF_BUTTONS = ['', 'secondary', 'danger', 'link-button'];

/** `rgb(r, g, b)` or `rgba(…)` as `#rrggbb` (the alpha is checked apart). */
function hex(colour: string): string {
  const [r, g, b] = colour.match(/[\d.]+/g)!.map(Number);
  return `#${[r, g, b].map((channel) => Math.round(channel!).toString(16).padStart(2, '0')).join('')}`;
}

/** The text colour of each test button and the background it is actually drawn on (its own, or the nearest opaque one behind it). */
function coloursOf(page: Page): Promise<{ variant: string; text: string; background: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-variant]')].map((button) => {
      let element: HTMLElement | null = button;
      let background = 'rgba(0, 0, 0, 0)';
      while (element) {
        const colour = getComputedStyle(element).backgroundColor;
        if (!/rgba\(.*, 0\)$/.test(colour) && colour !== 'transparent') {
          background = colour;
          break;
        }
        element = element.parentElement;
      }
      if (!element) background = 'rgb(255, 255, 255)';
      return { variant: button.dataset.variant!, text: getComputedStyle(button).color, background };
    }),
  );
}

async function measureButtonStates(page: Page, classes: readonly string[]): Promise<string[]> {
  await page.evaluate((variants) => {
    const box = document.createElement('div');
    box.id = 'contrast-probe';
    for (const variant of variants) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = variant;
      button.dataset.variant = variant || '(plain)';
      button.textContent = `Probe ${variant}`;
      box.append(button);
    }
    document.querySelector('main, body')!.prepend(box);
  }, classes);
  const failures: string[] = [];
  const check = (state: string, colours: { variant: string; text: string; background: string }[]) => {
    for (const { variant, text, background } of colours) {
      const ratio = contrastRatio(hex(text), hex(background));
      if (ratio < WCAG_AA_TEXT_CONTRAST) failures.push(`${variant} ${state}: ${text} on ${background} = ${ratio.toFixed(2)}`);
    }
  };
  check('at rest', await coloursOf(page));
  for (const [index, variant] of (classes as string[]).entries()) {
    const button = page.locator('#contrast-probe [data-variant]').nth(index);
    await button.hover();
    check('hovered', (await coloursOf(page)).filter((colour) => colour.variant === (variant || '(plain)')));
    await page.mouse.down();
    check('pressed', (await coloursOf(page)).filter((colour) => colour.variant === (variant || '(plain)')));
    // Released away from the button: no click.
    await page.mouse.move(0, 0);
    await page.mouse.up();
  }
  return failures;
}

describeInChromium('confirmations and button states', () => {
  const desk = setUpDesk();

  it('asks before ending on a phone: choices away from the finger, focus on "go back", Escape cancels', async () => {
    const visitor = await desk.newPage({ isMobile: true, hasTouch: true, bypassCSP: true, viewport: { width: 360, height: 740 } });
    const consultant = await desk.newPage();
    await desk.signInConsultant(consultant);
    await desk.startAsVisitor(visitor);
    await takeNewest(consultant);

    const end = await visitor.getByTestId('end-button').boundingBox();
    await visitor.getByTestId('end-button').tap();
    await visitor.getByTestId('end-confirmation').waitFor();
    expect(await focusedTestId(visitor)).toBe('end-cancel');
    // What is now under the finger that tapped End is not the button that ends it.
    const underFinger = await visitor.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.getAttribute('data-testid') ?? null, [
      end!.x + end!.width / 2,
      end!.y + end!.height / 2,
    ]);
    expect(underFinger).not.toBe('end-confirm');
    expect(await axeViolations(visitor)).toEqual([]);

    await watchFocusAtRemoval(visitor, 'end-confirmation');
    await visitor.keyboard.press('Escape');
    await visitor.getByTestId('end-confirmation').waitFor({ state: 'detached' });
    expect(await focusAtRemoval(visitor)).toBe('end-button');
    expect(await visitor.getByTestId('conversation-ended').count()).toBe(0);

    await visitor.getByTestId('end-button').tap();
    await visitor.getByTestId('end-confirm').tap();
    await visitor.getByTestId('conversation-ended').waitFor();
    await message(consultant, 'The visitor ended the conversation.').waitFor();
  });

  it('keeps every button variant at 4.5:1 or more at rest, hovered and pressed, on the visitor page, the console and /admin', async () => {
    const visitor = await desk.newPage();
    await desk.openVisitor(visitor, 'en');
    expect(await measureButtonStates(visitor, VISITOR_BUTTONS)).toEqual([]);

    for (const app of ['console', 'admin']) {
      const staff = await desk.newPage();
      await staff.goto(`${desk.server.baseUrl}/${app}/`);
      await staff.getByTestId('login-email').waitFor();
      expect(await measureButtonStates(staff, STAFF_BUTTONS), app).toEqual([]);
    }
  });
});
