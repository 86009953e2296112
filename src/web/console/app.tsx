import { Desk } from './desk';
import { Header } from './header';
import { SignInScreen, useStaffSession } from '../staff-common/staff-session';

export function App() {
  const { session, signedIn, signedOut, signOut } = useStaffSession();

  if (session.status === 'signedIn') {
    return <Desk user={session.user} onSignOut={signOut} onSessionEnded={() => signedOut('unauthenticated')} />;
  }
  return (
    <>
      <Header />
      <SignInScreen session={session} onSignedIn={signedIn} />
    </>
  );
}
