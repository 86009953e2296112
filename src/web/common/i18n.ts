/**
 * Translations, loading only the chosen language: each locale file is its own lazy chunk, so a
 * visitor reading Ukrainian never downloads the Polish strings. Keys are `namespace:path`, e.g.
 * `common:errors.service_closed`, with `{{name}}` placeholders: the i18next JSON format, which the
 * server reads with i18next. The browser uses this small translator instead of i18next because
 * i18next alone is about 16 KB gzip, half the visitor page's 30 KB budget, for features
 * (plurals, nesting, formatters, back-ends) our strings do not use.
 */
import { useEffect, useState } from 'preact/hooks';
import { textDirection, type UiLanguage } from '../../shared/languages';
import type { LocaleTree, Namespace } from '../../shared/locales';

export type Translate = (key: string, values?: Record<string, string | number | null>) => string;

const localeFiles = import.meta.glob<LocaleTree>('../../shared/locales/*/*.json', { import: 'default' });

let namespaces: readonly Namespace[] = [];
let language: UiLanguage = 'pl';
let requested: UiLanguage = language;
let strings = new Map<Namespace, LocaleTree>();
const listeners = new Set<(language: UiLanguage) => void>();

/** Starts downloading a language early (e.g. alongside the desk info); safe to call repeatedly. */
export function loadLocale(locale: UiLanguage, wanted: readonly Namespace[]): Promise<LocaleTree[]> {
  return Promise.all(
    wanted.map((namespace) => {
      const load = localeFiles[`../../shared/locales/${locale}/${namespace}.json`];
      return load ? load() : Promise.reject(new Error(`No ${namespace} strings for ${locale}`));
    }),
  );
}

/** Loads the app's namespaces in `initial`; the first namespace is the default for bare keys. */
export async function initI18n(initial: UiLanguage, wanted: readonly Namespace[]): Promise<void> {
  namespaces = wanted;
  await changeLanguage(initial);
}

export async function changeLanguage(next: UiLanguage): Promise<void> {
  requested = next;
  const bundles = await loadLocale(next, namespaces);
  if (next !== requested) return; // the visitor picked another language while this one loaded
  strings = new Map(namespaces.map((namespace, i) => [namespace, bundles[i]!]));
  language = next;
  document.documentElement.lang = next;
  document.documentElement.dir = textDirection(next);
  for (const listener of listeners) listener(next);
}

/** The string at `namespace:path`, or the key itself when it is missing (as i18next does). */
export const translate: Translate = (key, values = {}) => {
  const separator = key.indexOf(':');
  const namespace = (separator < 0 ? namespaces[0] : key.slice(0, separator)) as Namespace;
  let entry: string | LocaleTree | undefined = strings.get(namespace);
  for (const part of key.slice(separator + 1).split('.')) entry = typeof entry === 'object' ? entry[part] : undefined;
  if (typeof entry !== 'string') return key;
  return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => String(values[name] ?? placeholder));
};

/** The translate function; the component re-renders when the language changes. */
export function useT(): Translate {
  useLanguage();
  return translate;
}

export function useLanguage(): UiLanguage {
  const [current, setCurrent] = useState(language);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
