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

/**
 * An app's strings: its namespaces (the first is the default for bare keys) and their files, which
 * the app globs itself (`import.meta.glob` of its namespaces' JSON files in every locale), so its
 * build lists no other app's files: the visitor page's first script would otherwise carry a loader
 * for every staff and mail namespace in every language.
 */
export interface AppLocales {
  namespaces: readonly Namespace[];
  files: Record<string, () => Promise<LocaleTree>>;
}

let app: AppLocales = { namespaces: [], files: {} };
let language: UiLanguage = 'pl';
let requested: UiLanguage = language;
let strings = new Map<Namespace, LocaleTree>();
const listeners = new Set<(language: UiLanguage) => void>();

/** Starts downloading a language early (e.g. alongside the desk info); safe to call repeatedly. */
export function loadLocale(locale: UiLanguage, { namespaces: wanted, files }: AppLocales): Promise<LocaleTree[]> {
  return Promise.all(
    wanted.map((namespace) => {
      const path = Object.keys(files).find((key) => key.endsWith(`/locales/${locale}/${namespace}.json`));
      return path ? files[path]!() : Promise.reject(new Error(`No ${namespace} strings for ${locale}`));
    }),
  );
}

/** Loads the app's namespaces in `initial`. */
export async function initI18n(initial: UiLanguage, locales: AppLocales): Promise<void> {
  app = locales;
  await changeLanguage(initial);
}

export async function changeLanguage(next: UiLanguage): Promise<void> {
  requested = next;
  const bundles = await loadLocale(next, app);
  if (next !== requested) return; // the visitor picked another language while this one loaded
  strings = new Map(app.namespaces.map((namespace, i) => [namespace, bundles[i]!]));
  language = next;
  document.documentElement.lang = next;
  document.documentElement.dir = textDirection(next);
  for (const listener of listeners) listener(next);
}

/** The string at `namespace:path`, or the key itself when it is missing (as i18next does). */
export const translate: Translate = (key, values = {}) => {
  const separator = key.indexOf(':');
  const namespace = (separator < 0 ? app.namespaces[0] : key.slice(0, separator)) as Namespace;
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
