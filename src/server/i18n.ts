/** Server-side translations, for what the server writes itself (the transcript). */
import i18next, { type TFunction } from 'i18next';
import { UI_LANGUAGES, type UiLanguage } from '../shared/languages';
import en from '../shared/locales/en/common.json';
import pl from '../shared/locales/pl/common.json';
import ru from '../shared/locales/ru/common.json';
import uk from '../shared/locales/uk/common.json';

const instance = i18next.createInstance();
void instance.init({
  resources: { pl: { common: pl }, en: { common: en }, uk: { common: uk }, ru: { common: ru } },
  supportedLngs: [...UI_LANGUAGES],
  fallbackLng: 'en',
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function translator(language: UiLanguage): TFunction {
  return instance.getFixedT(language, 'common');
}
