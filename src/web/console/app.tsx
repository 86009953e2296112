import { Desk } from './desk';
import { Header } from './header';
import { SignInScreen, useStaffSession } from '../staff-common/staff-session';

export function App() {
  const { session, signedIn, sessionEnded, signOut } = useStaffSession();

  if (session.status === 'signedIn') {
    return <Desk user={session.user} onSignOut={signOut} onSessionEnded={sessionEnded} />;
  }
  return (
    <>
      <Header />
      <SignInScreen session={session} onSignedIn={signedIn} />
    </>
  );
}
