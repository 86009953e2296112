import { useEffect, useState } from 'preact/hooks';
import type { StaffUser } from '../../shared/protocol';
import { Announcer } from '../common/announcer';
import { useT } from '../common/i18n';
import { StaffTopbar } from '../staff-common/staff-topbar';
import { SignInScreen, useStaffSession } from '../staff-common/staff-session';
import { AuditPage } from './audit-page';
import { PrivacyPage } from './privacy-page';
import { CannedPage } from './canned-page';
import { HelpPage } from './help-page';
import { type Announce, PAGES, type Page, pageFromHash, SUPERVISOR_PAGES } from './pages';
import { LinksPage } from './links-page';
import { OfficePage } from './office-page';
import { ReportsPage } from './reports-page';
import { RoutingPage } from './routing-page';
import { SchedulePage } from './schedule-page';
import { StaffPage } from './staff-page';
import { SummaryPage } from './summary-page';
import { TopicsPage } from './topics-page';

export function App() {
  const t = useT();
  const { session, signedIn, signOut } = useStaffSession();

  if (session.status === 'signedIn') {
    return session.user.role !== 'consultant' ? (
      <AdminDesk user={session.user} onSignOut={signOut} />
    ) : (
      <>
        <AdminHeader user={session.user} onSignOut={signOut} titleIsHeading />
        <main id="main" class="admin-main">
          <p class="notice" role="alert" data-testid="not-admin">
            {t('admin:notAdmin')} <a href="/console/">{t('admin:toConsole')}</a>
          </p>
        </main>
      </>
    );
  }
  return (
    <>
      <AdminHeader titleIsHeading />
      <SignInScreen session={session} heading={t('admin:login.heading')} onSignedIn={signedIn} />
    </>
  );
}

interface AdminHeaderProps {
  user?: StaffUser;
  onSignOut?: () => void;
  /** The page's only heading of the first level when no admin page (with its own) is shown. */
  titleIsHeading?: boolean;
}

function AdminHeader({ user, onSignOut, titleIsHeading = false }: AdminHeaderProps) {
  const t = useT();
  return <StaffTopbar title={t('admin:title')} titleIsHeading={titleIsHeading} user={user} onSignOut={onSignOut} />;
}

function AdminDesk({ user, onSignOut }: { user: StaffUser; onSignOut: () => void }) {
  const t = useT();
  const allowed: readonly Page[] = user.role === 'admin' ? [...PAGES, 'summary'] : SUPERVISOR_PAGES;
  const [page, setPage] = useState<Page>(() => pageFromHash(allowed));
  const [navigated, setNavigated] = useState(false);
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);

  useEffect(() => {
    const follow = () => {
      setPage(pageFromHash(allowed));
      setNavigated(true);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const announce: Announce = (text) => setAnnouncement((previous) => ({ id: (previous?.id ?? 0) + 1, text }));
  const pageProps = { announce, focusHeading: navigated };

  return (
    <>
      <AdminHeader user={user} onSignOut={onSignOut} />
      <nav class="admin-nav" aria-label={t('admin:nav.label')}>
        <ul>
          {PAGES.filter((id) => allowed.includes(id)).map((id) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={page === id ? 'page' : undefined} data-testid={`nav-${id}`}>
                {t(`admin:nav.${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="admin-main">
        {page === 'staff' && <StaffPage key="staff" {...pageProps} currentUserId={user.id} />}
        {page === 'topics' && <TopicsPage key="topics" {...pageProps} />}
        {page === 'schedule' && <SchedulePage key="schedule" {...pageProps} />}
        {page === 'routing' && <RoutingPage key="routing" {...pageProps} />}
        {page === 'canned' && <CannedPage key="canned" {...pageProps} />}
        {page === 'office' && <OfficePage key="office" {...pageProps} />}
        {page === 'links' && <LinksPage key="links" {...pageProps} />}
        {page === 'help' && <HelpPage key="help" {...pageProps} />}
        {page === 'audit' && <AuditPage key="audit" {...pageProps} />}
        {page === 'privacy' && <PrivacyPage key="privacy" {...pageProps} />}
        {page === 'reports' && <ReportsPage key="reports" {...pageProps} />}
        {page === 'summary' && <SummaryPage key="summary" {...pageProps} />}
      </main>
      <Announcer id={announcement?.id ?? null} text={announcement?.text ?? ''} />
    </>
  );
}
