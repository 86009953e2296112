import { render } from 'preact';
import { negotiateLanguage, STAFF_LANGUAGES } from '../../shared/languages';
import { initI18n } from '../common/i18n';
import { savedLanguage } from '../staff-common/language-preference';
import { App } from './app';
import '../common/visually-hidden.css';
import '../staff-common/staff.css';
import './admin.css';

const language = savedLanguage() ?? negotiateLanguage(navigator.languages, STAFF_LANGUAGES, 'pl');
// The console's strings too: the sign-in form is the console's.
void initI18n(language, ['admin', 'common', 'console']).then(() => render(<App />, document.getElementById('app')!));
