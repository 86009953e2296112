import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { STAFF_LANGUAGES } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import { useLanguage, useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
import { saveLanguage } from './language-preference';
import { TwoFactorSettings } from './two-factor';

interface StaffTopbarProps {
  title: string;
  /** The browser tab's title; the app's title unless given. */
  documentTitle?: string;
  /** False where the page below has its own heading of the first level. */
  titleIsHeading?: boolean;
  user?: StaffUser | undefined;
  onSignOut?: (() => void) | undefined;
  children?: ComponentChildren;
}

/** The bar on top of the staff apps (the console and /admin): title, tools, language and account. */
export function StaffTopbar({ title, documentTitle = title, titleIsHeading = true, user, onSignOut, children }: StaffTopbarProps) {
  const t = useT();
  const language = useLanguage();
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <header class="topbar">
      {titleIsHeading ? <h1>{title}</h1> : <p class="topbar-title">{title}</p>}
      <div class="topbar-tools">
        {children}
        <a href={`/accessibility/staff?lang=${language}`} class="topbar-link">
          {t('console:office.accessibility')}
        </a>
        <LanguageSwitcher languages={STAFF_LANGUAGES} label={t('console:language')} onChanged={saveLanguage} />
        {user && onSignOut && (
          <div class="account">
            <span>{t('console:header.signedInAs', { name: user.name })}</span>
            <TwoFactorSettings />
            <button type="button" class="secondary" data-testid="logout" onClick={onSignOut}>
              {t('console:header.logout')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
