import type { UiLanguage } from '../../shared/languages';
import { officeTitle, type OfficeInfo } from '../../shared/protocol';
import { iconLinks } from './icons';
import { escapeHtml } from './pages';

/** Open Graph names a locale by language and territory; each language's is its main one's. */
const OG_LOCALES: Record<UiLanguage, string> = {
  pl: 'pl_PL',
  en: 'en_GB',
  uk: 'uk_UA',
  ru: 'ru_RU',
  be: 'be_BY',
  ka: 'ka_GE',
  vi: 'vi_VN',
  tr: 'tr_TR',
  es: 'es_ES',
  ar: 'ar_AR',
};

/**
 * The visitor page's title, description, icons and web app manifest, and its Open Graph and
 * Twitter card, so a shared link previews as the office's desk.
 */
export function linkPreviewMeta(office: OfficeInfo, language: UiLanguage, publicUrl: string): string {
  const texts = office.texts[language] ?? {};
  const title = officeTitle(office, language, ' — ');
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:title', title],
    ['property', 'og:description', texts.description ?? ''],
    ['property', 'og:url', `${publicUrl}/?lang=${language}`],
    ['property', 'og:locale', OG_LOCALES[language]],
    ['name', 'twitter:card', 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', texts.description ?? ''],
    ['name', 'description', texts.description ?? ''],
  ];
  if (office.logo) tags.push(['property', 'og:image', publicUrl + office.logo], ['name', 'twitter:image', publicUrl + office.logo]);
  return [
    `<title>${escapeHtml(title)}</title>`,
    ...tags.map(([attribute, key, value]) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`),
    ...iconLinks(office, language),
  ].join('\n    ');
}
