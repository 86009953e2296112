/**
 * Checking a state in every interface language on one page: the page's own language select is
 * switched (no new page or server per language), and each language's text is read from its
 * locale file, so a test names the key rather than ten translations.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LocaleTree, Namespace } from '../../src/shared/locales';
import { axeViolations } from './browser';

/** A language's text for `namespace:dotted.key`, from `src/shared/locales/<lang>/<namespace>.json`. */
export function localeText(lang: string, key: `${Namespace}:${string}`): string {
  const [namespace, path] = key.split(':') as [Namespace, string];
  const tree = JSON.parse(readFileSync(new URL(`../../src/shared/locales/${lang}/${namespace}.json`, import.meta.url), 'utf8')) as LocaleTree;
  const text = path.split('.').reduce<LocaleTree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  if (typeof text !== 'string') throw new Error(`${lang}/${namespace}.json has no text at ${path}`);
  return text;
}

/**
 * Switches the page through `languages` (the visitor's ten, or staff's four) with its language
 * select: in each, every `shown` locator comes to contain the language's text for its key, and
 * the page is axe-clean. Ends back in English.
 */
export async function inEveryLanguage(page: Page, languages: readonly string[], shown: [Locator, `${Namespace}:${string}`][]): Promise<void> {
  for (const lang of [...languages.filter((l) => l !== 'en'), 'en']) {
    await page.getByTestId('language-select').selectOption(lang);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    for (const [locator, key] of shown) await expect.poll(() => locator.textContent(), { message: `${key} in ${lang}` }).toContain(localeText(lang, key));
    expect(await axeViolations(page), lang).toEqual([]);
  }
}
