/** Server-side translations, for what the server writes itself (the transcript, e-mails). */
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { UI_LANGUAGES, type UiLanguage } from '../shared/languages';
import type { LocaleTree } from '../shared/locales';

/**
 * The namespaces the server writes from; every interface language has them (test/shared/locales.test.ts).
 * The office's pages read `office` (their own texts) and `visitor` (the privacy information the visitor page shows too).
 */
const SERVER_NAMESPACES = ['common', 'mail', 'office', 'visitor'] as const;

const readLocale = (language: UiLanguage, namespace: string): LocaleTree =>
  JSON.parse(readFileSync(new URL(`../shared/locales/${language}/${namespace}.json`, import.meta.url), 'utf8')) as LocaleTree;

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(
    UI_LANGUAGES.map((language) => [language, Object.fromEntries(SERVER_NAMESPACES.map((namespace) => [namespace, readLocale(language, namespace)]))]),
  ),
  supportedLngs: [...UI_LANGUAGES],
  fallbackLng: 'en',
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** Keys without a namespace are read from `namespace`; `common:…` and `mail:…` reach either. */
export function translator(language: UiLanguage, namespace: (typeof SERVER_NAMESPACES)[number] = 'common'): TFunction {
  return instance.getFixedT(language, namespace);
}
