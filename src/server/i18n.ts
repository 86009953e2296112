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
import enOffice from '../shared/locales/en/office.json';
import plOffice from '../shared/locales/pl/office.json';
import ruOffice from '../shared/locales/ru/office.json';
import ukOffice from '../shared/locales/uk/office.json';
import enVisitor from '../shared/locales/en/visitor.json';
import plVisitor from '../shared/locales/pl/visitor.json';
import ruVisitor from '../shared/locales/ru/visitor.json';
import ukVisitor from '../shared/locales/uk/visitor.json';

const instance = i18next.createInstance();
void instance.init({
  resources: {
    pl: { common: pl, mail: plMail, office: plOffice, visitor: plVisitor },
    en: { common: en, mail: enMail, office: enOffice, visitor: enVisitor },
    uk: { common: uk, mail: ukMail, office: ukOffice, visitor: ukVisitor },
    ru: { common: ru, mail: ruMail, office: ruOffice, visitor: ruVisitor },
  },
  supportedLngs: [...UI_LANGUAGES],
  fallbackLng: 'en',
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/**
 * Keys without a namespace are read from `namespace`; `common:…` and `mail:…` reach either. The
 * office's pages read `office` (their own texts) and `visitor` (the privacy information the visitor page shows too).
 */
export function translator(language: UiLanguage, namespace: 'common' | 'mail' | 'office' | 'visitor' = 'common'): TFunction {
  return instance.getFixedT(language, namespace);
}
