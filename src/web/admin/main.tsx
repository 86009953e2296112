import { render } from 'preact';
import { negotiateLanguage, STAFF_LANGUAGES } from '../../shared/languages';
import type { LocaleTree } from '../../shared/locales';
import { initI18n } from '../common/i18n';
import { savedLanguage } from '../staff-common/language-preference';
import { App } from './app';
import '../common/visually-hidden.css';
import '../staff-common/staff.css';
import './admin.css';

const language = savedLanguage() ?? negotiateLanguage(navigator.languages, STAFF_LANGUAGES, 'pl');
// The console's strings too: the sign-in form is the console's.
const files = import.meta.glob<LocaleTree>('../../shared/locales/*/{admin,common,console}.json', { import: 'default' });
void initI18n(language, { namespaces: ['admin', 'common', 'console'], files }).then(() => render(<App />, document.getElementById('app')!));
