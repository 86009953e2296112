/** Server-side translations, for what the server writes itself (the transcript, e-mails). */
import i18next, { type TFunction } from 'i18next';
import { UI_LANGUAGES, type UiLanguage } from '../shared/languages';
import en from '../shared/locales/en/common.json';
import pl from '../shared/locales/pl/common.json';
import ru from '../shared/locales/ru/common.json';
import uk from '../shared/locales/uk/common.json';
import enMail from '../shared/locales/en/mail.json';
import plMail from '../shared/locales/pl/mail.json';
import ruMail from '../shared/locales/ru/mail.json';
import ukMail from '../shared/locales/uk/mail.json';

const instance = i18next.createInstance();
void instance.init({
  resources: {
    pl: { common: pl, mail: plMail },
    en: { common: en, mail: enMail },
    uk: { common: uk, mail: ukMail },
    ru: { common: ru, mail: ruMail },
  },
  supportedLngs: [...UI_LANGUAGES],
  fallbackLng: 'en',
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** Keys without a namespace are read from `namespace`; `common:…` and `mail:…` reach either. */
export function translator(language: UiLanguage, namespace: 'common' | 'mail' = 'common'): TFunction {
  return instance.getFixedT(language, namespace);
}
