import { useEffect, useState } from 'preact/hooks';
import { UI_LANGUAGES } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import { Announcer } from '../common/announcer';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
import { saveLanguage } from '../console/language-preference';
import { Login } from '../console/Login';
import { fetchSignedInUser, signOut } from '../console/session';
import { AuditPage } from './AuditPage';
import { CannedPage } from './CannedPage';
import { type Announce, PAGES, type Page, pageFromHash } from './pages';
import { RoutingPage } from './RoutingPage';
import { SchedulePage } from './SchedulePage';
import { StaffPage } from './StaffPage';
import { TopicsPage } from './TopicsPage';

type Session =
  | { status: 'checking' }
  | { status: 'signedOut'; error: ApiErrorCode | null }
  | { status: 'signedIn'; user: StaffUser };

export function App() {
  const t = useT();
  const [session, setSession] = useState<Session>({ status: 'checking' });

  useEffect(() => {
    fetchSignedInUser().then(
      (user) => setSession(user ? { status: 'signedIn', user } : { status: 'signedOut', error: null }),
      (error: unknown) => setSession({ status: 'signedOut', error: errorCodeOf(error) }),
    );
  }, []);

  async function handleSignOut() {
    try {
      await signOut();
      setSession({ status: 'signedOut', error: null });
    } catch (error) {
      setSession({ status: 'signedOut', error: errorCodeOf(error) });
    }
  }

  if (session.status === 'signedIn') {
    return session.user.role === 'admin' ? (
      <AdminDesk user={session.user} onSignOut={handleSignOut} />
    ) : (
      <>
        <AdminHeader user={session.user} onSignOut={handleSignOut} titleIsHeading />
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
      {session.status === 'checking' ? (
        <main id="main" class="login">
          <p role="status">{t('console:login.checking')}</p>
        </main>
      ) : (
        <Login initialError={session.error} onSignedIn={(user) => setSession({ status: 'signedIn', user })} />
      )}
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
  const title = t('admin:title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <header class="topbar">
      {titleIsHeading ? <h1>{title}</h1> : <p class="admin-title">{title}</p>}
      <div class="topbar-tools">
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

function AdminDesk({ user, onSignOut }: { user: StaffUser; onSignOut: () => void }) {
  const t = useT();
  const [page, setPage] = useState<Page>(pageFromHash);
  const [navigated, setNavigated] = useState(false);
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);

  useEffect(() => {
    const follow = () => {
      setPage(pageFromHash());
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
          {PAGES.map((id) => (
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
        {page === 'audit' && <AuditPage key="audit" {...pageProps} />}
      </main>
      <Announcer id={announcement?.id ?? null} text={announcement?.text ?? ''} />
    </>
  );
}
