import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { UI_LANGUAGES } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import { useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
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
        <LanguageSwitcher languages={UI_LANGUAGES} label={t('console:language')} onChanged={saveLanguage} />
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
