import { isUiLanguage, type UiLanguage } from '../../shared/languages';
import { nativeLanguageName } from '../common/format';
import { changeLanguage, useLanguage, useT } from '../common/i18n';
import { rememberLanguageInUrl } from './language';

export function Header({ deskName, languages }: { deskName: string; languages: readonly UiLanguage[] }) {
  const t = useT();
  return (
    <header class="site-header">
      <div class="site-title">
        <h1>{deskName}</h1>
        <p class="tagline">{t('visitor:tagline')}</p>
      </div>
      {languages.length > 1 && <LanguageSwitcher languages={languages} />}
    </header>
  );
}

function LanguageSwitcher({ languages }: { languages: readonly UiLanguage[] }) {
  const t = useT();
  const language = useLanguage();
  const switchTo = (next: string) => {
    if (!isUiLanguage(next)) return;
    changeLanguage(next).then(
      () => rememberLanguageInUrl(next),
      (error: unknown) => console.warn('Could not load the language', error),
    );
  };
  return (
    <div class="language-switcher">
      <label for="language-select">{t('visitor:language.label')}</label>
      <select
        id="language-select"
        data-testid="language-select"
        value={language}
        onChange={(event) => switchTo(event.currentTarget.value)}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeLanguageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
