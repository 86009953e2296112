import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_ROUTES, TWO_FACTOR_ADMIN_ROUTES, type LoginResponse } from '../../shared/protocol';
import { serve } from '../contracts';
import { AppError } from '../errors';
import { signedInStaff, signingInStaff } from './guard';
import type { StaffSessionCookie } from './session-cookie';
import { toStaffUser, type AuthService, type SessionClient, type SignedIn, type StaffSession } from './service';
import type { TwoFactorService } from './two-factor';

export interface AuthRouteOptions {
  auth: AuthService;
  twoFactor: TwoFactorService;
  /** The desk a failed sign-in is logged under (there is no user to take it from). */
  deskId: string;
  cookie: StaffSessionCookie;
  /** Sign-in attempts (passwords and second factors) per IP per minute. */
  loginAttemptsPerMinute: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { auth, twoFactor, cookie } = options;

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, session: SignedIn) => {
    cookie.set(request, reply, session.sessionToken, session.expiresAt);
  };
  /** What the staff member's list of sessions will show of this one. */
  const clientOf = (request: FastifyRequest): SessionClient => ({ userAgent: request.headers['user-agent'], ip: request.ip });

  const signInAnswer = (request: FastifyRequest, reply: FastifyReply, session: SignedIn): LoginResponse => {
    request.log.info({ userId: session.user.id, stage: session.stage }, 'staff signed in');
    setSessionCookie(request, reply, session);
    return {
      user: toStaffUser(session.user),
      ...(session.stage !== 'done' && { step: session.stage }),
      ...(session.failedSignIns && { failedSignIns: session.failedSignIns }),
    };
  };

  /** The session of a second-factor step: only a `verify` session gives one. */
  const verifying = (request: FastifyRequest): StaffSession => {
    const session = signingInStaff(request);
    if (session.stage !== 'verify') throw new AppError('forbidden');
    return session;
  };
  /**
   * Enrolling: a full session, or the `enrol` step; never `verify`, or a password alone could add a
   * factor. Nor an `enrol` step left over (another tab) once the account has a factor: it would
   * become a full sign-in without that factor.
   */
  const enrolling = async (request: FastifyRequest): Promise<StaffSession> => {
    const session = signingInStaff(request);
    if (session.stage === 'verify') throw new AppError('second_factor_required');
    if (session.stage === 'enrol' && (await twoFactor.stageAfterPassword(session.user)) === 'verify') throw new AppError('second_factor_required');
    return session;
  };
  const tokenOf = (request: FastifyRequest): string => cookie.tokenOf(request) ?? '';

  const loginLimit = { rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 } };
  serve(app, AUTH_ROUTES.login, { config: loginLimit }, async ({ body }, request, reply) =>
    signInAnswer(request, reply, await auth.signIn(body.email, body.password, options.deskId, clientOf(request))),
  );

  serve(app, AUTH_ROUTES.logout, {}, async (_input, request, reply) => {
    const token = cookie.tokenOf(request);
    if (token) await auth.signOut(token);
    cookie.clear(request, reply);
  });

  serve(app, AUTH_ROUTES.me, {}, async (_input, request) => {
    const session = await auth.sessionFor(cookie.tokenOf(request)).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'session_idle') return undefined;
      throw error;
    });
    if (!session) return { user: null };
    return { user: toStaffUser(session.user), ...(session.stage !== 'done' && { step: session.stage }) };
  });

  serve(app, AUTH_ROUTES.secondFactor, { auth, config: loginLimit }, async ({ body }, request, reply) => {
    const session = verifying(request);
    await twoFactor.verifyCode(session.user, body.method, body.code);
    return signInAnswer(request, reply, await auth.finishSecondFactor(session, tokenOf(request), body.method, clientOf(request)));
  });

  serve(app, AUTH_ROUTES.passkeyOptions, { auth, config: loginLimit }, async (_input, request) => ({
    ...(await twoFactor.authenticationOptions(verifying(request).user, tokenOf(request))),
  }));

  serve(app, AUTH_ROUTES.passkey, { auth, config: loginLimit }, async ({ body }, request, reply) => {
    const session = verifying(request);
    await twoFactor.verifyPasskey(session.user, tokenOf(request), body as unknown as AuthenticationResponseJSON);
    return signInAnswer(request, reply, await auth.finishSecondFactor(session, tokenOf(request), 'passkey', clientOf(request)));
  });

  serve(app, AUTH_ROUTES.twoFactor, { auth }, async (_input, request) => twoFactor.status((await enrolling(request)).user));

  serve(app, AUTH_ROUTES.totpSetup, { auth }, async (_input, request) => twoFactor.startTotp((await enrolling(request)).user));

  /** Enrolling ends the `enrol` step: that session is replaced by a full one. */
  const enrolled = async (request: FastifyRequest, reply: FastifyReply, session: StaffSession, method: string) => {
    if (session.stage === 'enrol') setSessionCookie(request, reply, await auth.finishSecondFactor(session, tokenOf(request), method, clientOf(request)));
  };

  serve(app, AUTH_ROUTES.totpConfirm, { auth }, async ({ body }, request, reply) => {
    const session = await enrolling(request);
    const answer = await twoFactor.confirmTotp(session.user, body.code);
    await enrolled(request, reply, session, 'totp');
    return answer;
  });

  serve(app, AUTH_ROUTES.passkeyRegistrationOptions, { auth }, async (_input, request) => ({
    ...(await twoFactor.registrationOptions((await enrolling(request)).user, tokenOf(request))),
  }));

  serve(app, AUTH_ROUTES.passkeyRegistration, { auth }, async ({ body }, request, reply) => {
    const session = await enrolling(request);
    const answer = await twoFactor.registerPasskey(session.user, tokenOf(request), body as unknown as RegistrationResponseJSON);
    await enrolled(request, reply, session, 'passkey');
    return answer;
  });

  serve(app, AUTH_ROUTES.changePassword, { auth }, async ({ body }, request, reply) => {
    const user = signedInStaff(request);
    const session = await auth.changePassword(user, body.currentPassword, body.newPassword, clientOf(request));
    request.log.info({ userId: user.id }, 'staff password changed; all sessions ended');
    setSessionCookie(request, reply, session);
  });

  // Wrong passwords here count like failed sign-ins: per IP (this limit) and per account (the lock).
  serve(app, AUTH_ROUTES.reauthenticate, { auth, config: loginLimit }, async ({ body }, request) => {
    await auth.reauthenticate(signedInStaff(request), tokenOf(request), body.password);
  });

  serve(app, AUTH_ROUTES.sessions, { auth }, async (_input, request) => ({
    sessions: await auth.listSessions(signedInStaff(request), tokenOf(request)),
  }));

  serve(app, AUTH_ROUTES.endSession, { auth }, async (_input, request) => {
    await auth.endSession(signedInStaff(request), request.params.id);
  });

  serve(app, AUTH_ROUTES.endOtherSessions, { auth }, async (_input, request) => {
    await auth.endOtherSessions(signedInStaff(request), tokenOf(request));
  });

  serve(app, TWO_FACTOR_ADMIN_ROUTES.policy, { auth }, async (_input, request) => ({
    consultantsRequired: await twoFactor.consultantsRequired(signedInStaff(request).desk_id),
  }));

  serve(app, TWO_FACTOR_ADMIN_ROUTES.setPolicy, { auth }, async ({ body }, request) => {
    await twoFactor.setConsultantsRequired(signedInStaff(request), body.consultantsRequired);
    return body;
  });

  serve(app, TWO_FACTOR_ADMIN_ROUTES.reset, { auth }, async (_input, request) => {
    const target = await auth.findUserById(request.params.id);
    if (!target) throw new AppError('staff_not_found');
    await twoFactor.reset(signedInStaff(request), target);
  });
}
