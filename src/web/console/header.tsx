import type { ComponentChildren } from 'preact';
import type { StaffUser } from '../../shared/protocol';
import { useT } from '../common/i18n';
import { StaffTopbar } from '../staff-common/staff-topbar';
import { pageTitle } from './waiting-time';

interface HeaderProps {
  user?: StaffUser;
  onSignOut?: () => void;
  /** Shown in the tab title too, so a consultant notices new visitors from another tab. */
  waitingCount?: number;
  /** Settings kept in the bar's menu (src/web/staff-common/staff-topbar.tsx). */
  menu?: ComponentChildren;
  children?: ComponentChildren;
}

export function Header({ user, onSignOut, waitingCount = 0, menu, children }: HeaderProps) {
  const t = useT();
  const title = t('console:title');
  return (
    <StaffTopbar title={title} documentTitle={pageTitle(title, waitingCount)} user={user} onSignOut={onSignOut} menu={menu}>
      {children}
    </StaffTopbar>
  );
}
