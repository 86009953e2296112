/** The staff session: an HttpOnly cookie set by the server, so the page only asks who is signed in. */
import { AUTH_ROUTES, type StaffUser } from '../../shared/protocol';
import { api } from '../common/api';

/** The signed-in staff member, or null when there is no valid session. */
export async function fetchSignedInUser(): Promise<StaffUser | null> {
  return (await api(AUTH_ROUTES.me)).user;
}

/** The user, and the wrong passwords tried at the account since its last sign-in, if any. */
export async function signIn(email: string, password: string) {
  return api(AUTH_ROUTES.login, { body: { email, password } });
}

export async function signOut(): Promise<void> {
  await api(AUTH_ROUTES.logout);
}
