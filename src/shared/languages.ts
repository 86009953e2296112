/** Languages the interface is translated into. A desk offers a subset of these. */
export const UI_LANGUAGES = ['pl', 'en', 'uk', 'ru'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
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
