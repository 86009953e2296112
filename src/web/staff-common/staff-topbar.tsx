import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { STAFF_LANGUAGES } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import { useLanguage, useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
import { saveLanguage } from './language-preference';
import { OwnSessions } from './own-sessions';
import { ReauthenticateDialog } from './reauthenticate-dialog';
import { TwoFactorSettings } from './two-factor';

interface StaffTopbarProps {
  title: string;
  /** The browser tab's title; the app's title unless given. */
  documentTitle?: string;
  /** False where the page below has its own heading of the first level. */
  titleIsHeading?: boolean;
  user?: StaffUser | undefined;
  onSignOut?: (() => void) | undefined;
  /**
   * Settings used now and then (sounds, notifications, help). When given, they go into a menu
   * together with the accessibility link and who is signed in, so that the bar keeps one row.
   */
  menu?: ComponentChildren;
  children?: ComponentChildren;
}

/** The bar on top of the staff apps (the console and /admin): title, tools, language and account. */
export function StaffTopbar({ title, documentTitle = title, titleIsHeading = true, user, onSignOut, menu, children }: StaffTopbarProps) {
  const t = useT();
  const language = useLanguage();
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  const accessibility = (
    <a href={`/accessibility/staff?lang=${language}`} class="topbar-link">
      {t('console:office.accessibility')}
    </a>
  );
  const signedIn = user && <span data-testid="signed-in-as">{t('console:header.signedInAs', { name: user.name })}</span>;
  const signOut = user && onSignOut && (
    <button type="button" class="secondary" data-testid="logout" onClick={onSignOut}>
      {t('console:header.logout')}
    </button>
  );
  return (
    <header class={menu ? 'topbar topbar--compact' : 'topbar'} data-testid="topbar">
      {titleIsHeading ? <h1>{title}</h1> : <p class="topbar-title">{title}</p>}
      <div class="topbar-tools">
        {children}
        {!menu && accessibility}
        <LanguageSwitcher languages={STAFF_LANGUAGES} label={t('console:language')} onChanged={saveLanguage} />
        {menu ? (
          <>
            <TopbarMenu label={t('console:header.settings')}>
              {signedIn}
              {user && <TwoFactorSettings />}
              {user && <OwnSessions />}
              {menu}
              {accessibility}
            </TopbarMenu>
            {signOut}
          </>
        ) : (
          user &&
          onSignOut && (
            <div class="account">
              {signedIn}
              <TwoFactorSettings />
              <OwnSessions />
              {signOut}
            </div>
          )
        )}
      </div>
      {user && <ReauthenticateDialog />}
    </header>
  );
}

/**
 * A disclosure (<details>) whose panel hangs below the bar; Escape or a click elsewhere folds it,
 * Escape giving the focus back to its button. Not from within a dialog opened from the menu: its
 * Escape and clicks are the dialog's, and folding the menu would take the dialog's focus away.
 */
function TopbarMenu({ label, children }: { label: string; children: ComponentChildren }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const inDialog = (event: Event) => Boolean((event.target as Element | null)?.closest?.('dialog'));
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open || inDialog(event)) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node) && !inDialog(event)) details.open = false;
    };
    details.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      details.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, []);
  return (
    <details class="topbar-menu" ref={ref} data-testid="topbar-menu">
      <summary data-testid="topbar-menu-button">{label}</summary>
      <div class="topbar-menu-panel">{children}</div>
    </details>
  );
}
