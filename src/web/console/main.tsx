import { render } from 'preact';
import { negotiateLanguage, STAFF_LANGUAGES } from '../../shared/languages';
import type { LocaleTree } from '../../shared/locales';
import { initI18n } from '../common/i18n';
import { App } from './app';
import { savedLanguage } from '../staff-common/language-preference';
import '../common/visually-hidden.css';
import '../staff-common/staff.css';
import './console.css';

const language = savedLanguage() ?? negotiateLanguage(navigator.languages, STAFF_LANGUAGES, 'pl');
const files = import.meta.glob<LocaleTree>('../../shared/locales/*/{console,common}.json', { import: 'default' });
void initI18n(language, { namespaces: ['console', 'common'], files }).then(() => render(<App />, document.getElementById('app')!));
