import type { UiLanguage } from '../../shared/languages';
import { officeTitle, type OfficeInfo } from '../../shared/protocol';
import { escapeHtml } from './pages';

/** The visitor page's title and its Open Graph and Twitter card, so a shared link previews as the office's desk. */
export function linkPreviewMeta(office: OfficeInfo, language: UiLanguage, publicUrl: string): string {
  const texts = office.texts[language] ?? {};
  const title = officeTitle(office, language, ' — ');
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:title', title],
    ['property', 'og:description', texts.description ?? ''],
    ['property', 'og:url', `${publicUrl}/?lang=${language}`],
    ['property', 'og:locale', { pl: 'pl_PL', en: 'en_GB', uk: 'uk_UA', ru: 'ru_RU' }[language]],
    ['name', 'twitter:card', 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', texts.description ?? ''],
    ['name', 'description', texts.description ?? ''],
  ];
  if (office.logo) tags.push(['property', 'og:image', publicUrl + office.logo], ['name', 'twitter:image', publicUrl + office.logo]);
  return [`<title>${escapeHtml(title)}</title>`, ...tags.map(([attribute, key, value]) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`)].join('\n    ');
}
