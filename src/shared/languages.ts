/**
 * The interface languages are data: `locales/languages.json` names each one (in itself), says
 * whether it is written right to left, whether the staff apps are translated into it, and whether
 * its translation still awaits review by a native speaker (for the office; never shown to visitors).
 * Adding a language is its locale files, its entry there and the LANGUAGES setting — no code.
 */
import manifest from './locales/languages.json';

export type UiLanguage = keyof typeof manifest;

export interface LanguageMeta {
  /** The language's name written in itself, e.g. "Українська". */
  name: string;
  /** Right to left (Arabic); left to right when absent. */
  dir?: 'rtl';
  /** The staff apps (console, admin) are translated into it too; otherwise it is a visitor language. */
  staff?: true;
  /** Set while a translation awaits a native speaker's review. */
  review?: string;
}

const LANGUAGE_META: Readonly<Record<UiLanguage, LanguageMeta>> = manifest as Record<UiLanguage, LanguageMeta>;

/** Every language the visitor interface is translated into. A desk offers a subset of these. */
export const UI_LANGUAGES = Object.keys(LANGUAGE_META) as [UiLanguage, ...UiLanguage[]];

/** The languages the staff apps (console, admin) are translated into. */
export const STAFF_LANGUAGES = UI_LANGUAGES.filter((language) => LANGUAGE_META[language].staff);

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && Object.hasOwn(LANGUAGE_META, value);
}

export function isStaffLanguage(value: unknown): value is UiLanguage {
  return isUiLanguage(value) && LANGUAGE_META[value].staff === true;
}

export function languageMeta(language: UiLanguage): LanguageMeta {
  return LANGUAGE_META[language];
}

export function textDirection(language: UiLanguage): 'rtl' | 'ltr' {
  return LANGUAGE_META[language].dir ?? 'ltr';
}

/** Picks the first supported language from an Accept-Language header or navigator.languages list. */
export function negotiateLanguage(
  preferred: readonly string[],
  offered: readonly UiLanguage[],
  fallback: UiLanguage,
): UiLanguage {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    const match = offered.find((language) => language === base);
    if (match) return match;
  }
  return fallback;
}

/** Parses an Accept-Language header into tags ordered by their q weight. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}
