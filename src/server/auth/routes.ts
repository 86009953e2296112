import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_ROUTES } from '../../shared/protocol';
import type { Config } from '../config';
import { serve } from '../contracts';
import { signedInStaff } from './guard';
import { STAFF_SESSION_COOKIE } from './session-cookie';
import { toStaffUser, type AuthService, type SignedIn } from './service';


export interface AuthRouteOptions {
  auth: AuthService;
  /** The desk a failed sign-in is logged under (there is no user to take it from). */
  deskId: string;
  cookieSecure: Config['cookieSecure'];
  /** Sign-in attempts per IP per minute. */
  loginAttemptsPerMinute: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { auth } = options;

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, session: SignedIn) => {
    void reply.setCookie(STAFF_SESSION_COOKIE, session.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.cookieSecure === 'auto' ? request.protocol === 'https' : options.cookieSecure,
      expires: session.expiresAt,
    });
  };

  const loginLimit = { rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 } };
  serve(app, AUTH_ROUTES.login, { config: loginLimit }, async ({ body }, request, reply) => {
    const session = await auth.signIn(body.email, body.password, options.deskId);
    request.log.info({ userId: session.user.id }, 'staff signed in');
    setSessionCookie(request, reply, session);
    return { user: toStaffUser(session.user), ...(session.failedSignIns && { failedSignIns: session.failedSignIns }) };
  });

  serve(app, AUTH_ROUTES.logout, {}, async (_input, request, reply) => {
    const token = request.cookies[STAFF_SESSION_COOKIE];
    if (token) await auth.signOut(token);
    void reply.clearCookie(STAFF_SESSION_COOKIE, { path: '/' });
  });

  serve(app, AUTH_ROUTES.me, {}, async (_input, request) => {
    const user = await auth.userForSession(request.cookies[STAFF_SESSION_COOKIE]);
    return { user: user ? toStaffUser(user) : null };
  });

  serve(app, AUTH_ROUTES.changePassword, { auth }, async ({ body }, request, reply) => {
    const user = signedInStaff(request);
    const session = await auth.changePassword(user, body.currentPassword, body.newPassword);
    request.log.info({ userId: user.id }, 'staff password changed; all sessions ended');
    setSessionCookie(request, reply, session);
  });
}
