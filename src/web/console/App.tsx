import { useEffect, useState } from 'preact/hooks';
import type { StaffUser } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { useT } from '../common/i18n';
import { Desk } from './Desk';
import { Header } from './Header';
import { Login } from './Login';
import { fetchSignedInUser, signOut } from './session';

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

  const signedOut = (error: ApiErrorCode | null = null) => setSession({ status: 'signedOut', error });

  async function handleSignOut() {
    try {
      await signOut();
      signedOut();
    } catch (error) {
      signedOut(errorCodeOf(error));
    }
  }

  if (session.status === 'signedIn') {
    return (
      <Desk user={session.user} onSignOut={handleSignOut} onSessionEnded={() => signedOut('unauthenticated')} />
    );
  }
  return (
    <>
      <Header />
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
