/** Who is signed in to the staff apps (the console and /admin), and the screen before anyone is. */
import { useEffect, useState } from 'preact/hooks';
import type { LoginResponse, StaffUser } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf, onSessionEnd, type SessionEnd } from '../common/api';
import { useT } from '../common/i18n';
import { Login } from './login';
import { fetchSignedInUser, signOut } from './session';

/**
 * `pending`: the password was given, a second factor is still to give or to enrol (a reload mid-way).
 * `idleMinutes`: the session ended for want of use, after this many minutes.
 */
type SignedOut = { status: 'signedOut'; error: ApiErrorCode | null; pending?: LoginResponse; idleMinutes?: string | undefined };
type NotSignedIn = { status: 'checking' } | SignedOut;
export type StaffSession = NotSignedIn | { status: 'signedIn'; user: StaffUser };

/**
 * Asks the server once who is signed in; then follows sign-in, sign-out and a session that ended
 * (told by the console's socket, or by any request that the server refused for it).
 */
export function useStaffSession() {
  const [session, setSession] = useState<StaffSession>({ status: 'checking' });

  useEffect(() => {
    fetchSignedInUser().then(
      (me) =>
        setSession(
          !me ? { status: 'signedOut', error: null } : me.step ? { status: 'signedOut', error: null, pending: { user: me.user, step: me.step } } : { status: 'signedIn', user: me.user },
        ),
      (error: unknown) => setSession({ status: 'signedOut', error: errorCodeOf(error) }),
    );
  }, []);

  const signedOut = (error: ApiErrorCode | null = null) => setSession({ status: 'signedOut', error });
  const signedIn = (user: StaffUser) => setSession({ status: 'signedIn', user });
  const sessionEnded = ({ code, detail }: SessionEnd) =>
    setSession((current) => (current.status === 'signedIn' ? { status: 'signedOut', error: code, ...(code === 'session_idle' && { idleMinutes: detail }) } : current));

  useEffect(() => onSessionEnd(sessionEnded), []);

  async function handleSignOut() {
    try {
      await signOut();
      signedOut();
    } catch (error) {
      signedOut(errorCodeOf(error));
    }
  }

  return { session, signedIn, sessionEnded, signOut: handleSignOut };
}

/** While the session is being checked, a status line; once nobody is signed in, the sign-in form. */
export function SignInScreen({ session, heading, onSignedIn }: { session: NotSignedIn; heading?: string; onSignedIn: (user: StaffUser) => void }) {
  const t = useT();
  if (session.status === 'checking') {
    return (
      <main id="main" class="login">
        <p role="status">{t('console:login.checking')}</p>
      </main>
    );
  }
  return <Login heading={heading} initialError={session.error} idleMinutes={session.idleMinutes} initialPending={session.pending} onSignedIn={onSignedIn} />;
}
