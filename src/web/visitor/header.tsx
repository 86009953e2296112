import type { UiLanguage } from '../../shared/languages';
import { useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
import { rememberLanguageInUrl } from './language';

export function Header({ deskName, languages }: { deskName: string; languages: readonly UiLanguage[] }) {
  const t = useT();
  return (
    <header class="site-header">
      <div class="site-title">
        <h1>{deskName}</h1>
        <p class="tagline">{t('visitor:tagline')}</p>
      </div>
      {languages.length > 1 && (
        <LanguageSwitcher languages={languages} label={t('visitor:language.label')} onChanged={rememberLanguageInUrl} />
      )}
    </header>
  );
}
