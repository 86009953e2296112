/**
 * /admin as a person notices it, in real Chromium: the audit log reads as sentences with names,
 * the sign-in says which app it is, a normal load logs no error (no 401 from the session probe),
 * nothing jumps while pages load (CLS under 0.1), every page reflows at 320 and 640 CSS px (200 %
 * and 400 % zoom) without horizontal scrolling outside data tables, every button and link is at
 * least 24×24 px (or a link inside text), and the visitor page has a favicon and a web app manifest.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PAGES } from '../src/web/admin/pages';
import { axeViolations, describeInChromium } from './support/browser';
import { PASSWORD, setUpDesk } from './support/desk';

describeInChromium('/admin, polished', () => {
  const desk = setUpDesk();

  /** Every console error and every answer of 400 or more, as the browser's console would show them. */
  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    return errors;
  }

  /** Sums layout shifts not caused by input since the last `resetShifts`, from the start of the document on. */
  async function watchLayoutShifts(page: Page) {
    await page.addInitScript(() => {
      const state = window as unknown as { __shift: number };
      state.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) state.__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
  }
  const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { __shift: number }).__shift);
  const resetShifts = (page: Page) => page.evaluate(() => void ((window as unknown as { __shift: number }).__shift = 0));

  /** The page shows its data: no "Loading…" left, and two frames painted since. */
  async function settled(page: Page) {
    await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${desk.server.baseUrl}/admin/`);
    expect(await page.getByTestId('login-heading').innerText()).toBe('Administration sign-in');
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  }

  /** What scrolls sideways outside data tables, and the controls (boxes to tick too) smaller than 24×24 px that are not links in running text. */
  const layoutProblems = (page: Page) =>
    page.evaluate(() => {
      const problems: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
      for (const element of document.querySelectorAll<HTMLElement>('button, a[href], summary, select, input:not([type=hidden])')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || element.closest('.visually-hidden')) continue;
        const inText = element.tagName === 'A' && getComputedStyle(element).display === 'inline' && (element.parentElement?.textContent ?? '').trim() !== (element.textContent ?? '').trim();
        const small = box.width < 24 || box.height < 24;
        if (small && !inText) {
          problems.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
        if (!element.closest('.table-wrap, .table-scroll') && box.right > root.clientWidth + 1) {
          problems.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" sticks out to ${Math.round(box.right)}`);
        }
      }
      return problems;
    });

  it('reads the audit log as sentences with names, loads without errors or layout shifts, and reflows at 320 and 640 px', async () => {
    const adminEmail = await desk.createConsultant('Anna Nowak', 'admin');
    await desk.createConsultant('Olena Kowalczyk');
    const page = await desk.newPage();
    const errors = watchErrors(page);
    await watchLayoutShifts(page);
    await signIn(page, adminEmail);
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true);

    const staff = await page.evaluate(() => fetch('/api/admin/staff').then((response) => response.json() as Promise<{ staff: { id: string; name: string }[] }>));
    const olena = staff.staff.find((account) => account.name === 'Olena Kowalczyk')!;
    await page.evaluate(async (id) => {
      await fetch(`/api/admin/staff/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) });
    }, olena.id);

    // Everything found on every page, so one run names all of it.
    const found: Record<string, string[]> = {};
    for (const id of PAGES) {
      await page.setViewportSize({ width: 1280, height: 720 });
      await resetShifts(page);
      await page.getByTestId(`nav-${id}`).click();
      await settled(page);
      const shift = await layoutShift(page);
      if (shift >= 0.1) found[`${id}: layout shift`] = [String(shift)];
      for (const width of [640, 320]) {
        await page.setViewportSize({ width, height: 720 });
        const problems = await layoutProblems(page);
        if (problems.length) found[`${id} at ${width} px`] = problems;
      }
    }
    expect(found).toEqual({});

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    const sentences = await page.getByTestId('audit-sentence').allInnerTexts();
    expect(sentences).toContain('Anna Nowak deactivated the account of Olena Kowalczyk.');
    expect(sentences).toContain('Anna Nowak signed in.');

    // A fresh load of a page signed in, and of the console: the session probe logs nothing either.
    await page.goto(`${desk.server.baseUrl}/admin/#/audit`);
    await page.getByTestId('audit-table').waitFor();
    await settled(page);
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await page.goto(`${desk.server.baseUrl}/console/`);
    await page.getByTestId('logout').waitFor();
    expect(errors).toEqual([]);
  });

  it('signed out, /admin and the console log no error; the pages are axe-clean; the visitor page has its favicon and manifest', async () => {
    const page = await desk.newPage();
    const errors = watchErrors(page);
    for (const app of ['admin', 'console']) {
      await page.goto(`${desk.server.baseUrl}/${app}/`);
      await page.getByTestId('login-email').waitFor();
    }
    expect(await page.getByTestId('login-heading').innerText()).toBe('Consultant sign-in');

    await page.goto(`${desk.server.baseUrl}/?lang=en`);
    await page.getByTestId('status-open').waitFor();
    const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
    const manifest = await page.evaluate((href) => fetch(href).then((response) => response.json() as Promise<{ name: string; icons: { src: string; sizes: string }[] }>), manifestHref!);
    expect(manifest.name).not.toBe('');
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    const icons = [...manifest.icons.map((icon) => icon.src), (await page.locator('link[rel=icon]').getAttribute('href'))!];
    for (const src of icons) {
      expect(await page.evaluate((url) => fetch(url).then((response) => `${response.status} ${response.headers.get('content-type')}`), src)).toBe('200 image/png');
    }
    expect(await page.locator('meta[name=description]').getAttribute('content')).not.toBe('');
    expect(errors).toEqual([]);

    const axePage = await desk.newPage({ bypassCSP: true });
    await axePage.goto(`${desk.server.baseUrl}/admin/`);
    await axePage.getByTestId('login-email').waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
    await signIn(axePage, await desk.createConsultant('Axe Admin', 'admin'));
    await axePage.getByTestId('nav-audit').click();
    await axePage.getByTestId('audit-table').waitFor();
    await axePage.getByTestId('audit-table').locator('summary').first().click();
    expect(await axeViolations(axePage)).toEqual([]);
    await axePage.setViewportSize({ width: 320, height: 640 });
    expect(await axeViolations(axePage)).toEqual([]);
  });
});
