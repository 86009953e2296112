import { negotiateLanguage, type UiLanguage } from '../../shared/languages';

export interface LanguageChoice {
  /** `?lang=` from the link: an office can hand out links in a given language. */
  query: string | null;
  /** navigator.languages */
  preferred: readonly string[];
  offered: readonly UiLanguage[];
  fallback: UiLanguage;
}

/** `?lang=` if the desk offers it, else the browser's preferences, else the desk's default. */
export function pickLanguage({ query, preferred, offered, fallback }: LanguageChoice): UiLanguage {
  return negotiateLanguage(query ? [query, ...preferred] : preferred, offered, fallback);
}

/** `?topic=` from the link (the office's link builder): preselected when the desk offers that topic. */
export function topicFromQuery(search: string, offered: readonly string[]): string {
  const topic = new URLSearchParams(search).get('topic') ?? '';
  return offered.includes(topic) ? topic : '';
}

export function languageFromQuery(search: string): string | null {
  return new URLSearchParams(search).get('lang');
}

/** Keeps the choice in the address, so a reload stays in the language the visitor picked. */
export function rememberLanguageInUrl(language: UiLanguage): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  history.replaceState(history.state, '', url);
}
