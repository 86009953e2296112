/**
 * Languages a visitor may name as their own when the interface does not offer it: those spoken by
 * people who come to Polish offices, and widely spoken ones. Their names come from Intl.DisplayNames,
 * each written in itself, so the list needs no translation and a visitor recognises their own.
 */
export const SPOKEN_LANGUAGES = [
  'af', 'am', 'ar', 'az', 'be', 'bg', 'bn', 'bs', 'ckb', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fa', 'fi', 'fil', 'fr',
  'ha', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'ig', 'it', 'ja', 'ka', 'kk', 'km', 'ko', 'ku', 'ky', 'lo', 'lt', 'lv', 'mk',
  'mn', 'ms', 'my', 'ne', 'nl', 'no', 'pa', 'pl', 'ps', 'pt', 'ro', 'ru', 'si', 'sk', 'sl', 'so', 'sq', 'sr', 'sv', 'sw',
  'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tr', 'ug', 'uk', 'ur', 'uz', 'vi', 'wo', 'yo', 'zh', 'zu',
] as const;

export interface SpokenLanguageOption {
  code: string;
  /** Its name written in itself, e.g. "o‘zbek". */
  native: string;
  /** Its name in the page's language, e.g. "Uzbek". */
  local: string;
}

/** Lower case without diacritics, so "ozbek" finds "o‘zbek" and "turkce" finds "Türkçe". */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u2018\u2019'‘’]/g, '')
    .toLocaleLowerCase();

export function spokenLanguageOptions(pageLanguage: string): SpokenLanguageOption[] {
  const inPage = new Intl.DisplayNames([pageLanguage], { type: 'language' });
  return SPOKEN_LANGUAGES.map((code) => ({
    code,
    native: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
    local: inPage.of(code) ?? code,
  }));
}

/** The options whose native or page-language name (or code) contains what the visitor typed. */
export function matchingLanguages(options: readonly SpokenLanguageOption[], query: string): SpokenLanguageOption[] {
  const wanted = folded(query.trim());
  if (!wanted) return [...options];
  return options.filter((option) => [option.native, option.local, option.code].some((name) => folded(name).includes(wanted)));
}
