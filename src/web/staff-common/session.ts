/** The staff session: an HttpOnly cookie set by the server, so the page only asks who is signed in. */
import * as z from 'zod/mini';
import { type StaffUser, staffUserSchema } from '../../shared/protocol';
import { errorCodeOf, postJson, requestJson } from '../common/api';

const userResponseSchema = z.object({ user: staffUserSchema });

/** The signed-in consultant, or null when there is no valid session. */
export async function fetchSignedInUser(): Promise<StaffUser | null> {
  try {
    return (await requestJson('/api/auth/me', userResponseSchema)).user;
  } catch (error) {
    if (errorCodeOf(error) === 'unauthenticated') return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<StaffUser> {
  return (await requestJson('/api/auth/login', userResponseSchema, postJson({ email, password }))).user;
}

export async function signOut(): Promise<void> {
  // 204: no body, which the reader sees as null.
  await requestJson('/api/auth/logout', z.null(), postJson({}));
}
