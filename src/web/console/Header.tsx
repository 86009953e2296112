import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { UI_LANGUAGES, isUiLanguage } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import { nativeLanguageName } from '../common/format';
import { changeLanguage, useLanguage, useT } from '../common/i18n';
import { saveLanguage } from './language-preference';
import { pageTitle } from './waiting-time';

interface HeaderProps {
  user?: StaffUser;
  onSignOut?: () => void;
  /** Shown in the tab title too, so a consultant notices new visitors from another tab. */
  waitingCount?: number;
  children?: ComponentChildren;
}

export function Header({ user, onSignOut, waitingCount = 0, children }: HeaderProps) {
  const t = useT();
  const title = t('console:title');
  useEffect(() => {
    document.title = pageTitle(title, waitingCount);
  }, [title, waitingCount]);
  return (
    <header class="topbar">
      <h1>{t('console:title')}</h1>
      <div class="topbar-tools">
        {children}
        <LanguageSwitcher />
        {user && onSignOut && (
          <div class="account">
            <span>{t('console:header.signedInAs', { name: user.name })}</span>
            <button type="button" class="secondary" data-testid="logout" onClick={onSignOut}>
              {t('console:header.logout')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}

function LanguageSwitcher() {
  const t = useT();
  const language = useLanguage();
  return (
    <div class="field-inline">
      <label for="ui-language">{t('console:language')}</label>
      <select
        id="ui-language"
        value={language}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (!isUiLanguage(chosen)) return;
          saveLanguage(chosen);
          void changeLanguage(chosen);
        }}
      >
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeLanguageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
