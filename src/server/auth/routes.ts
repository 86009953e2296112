import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_ROUTES, TWO_FACTOR_ADMIN_ROUTES, type LoginResponse } from '../../shared/protocol';
import type { Config } from '../config';
import { serve } from '../contracts';
import { AppError } from '../errors';
import { signedInStaff, signingInStaff } from './guard';
import { STAFF_SESSION_COOKIE } from './session-cookie';
import { toStaffUser, type AuthService, type SignedIn, type StaffSession } from './service';
import type { TwoFactorService } from './two-factor';

export interface AuthRouteOptions {
  auth: AuthService;
  twoFactor: TwoFactorService;
  /** The desk a failed sign-in is logged under (there is no user to take it from). */
  deskId: string;
  cookieSecure: Config['cookieSecure'];
  /** Sign-in attempts (passwords and second factors) per IP per minute. */
  loginAttemptsPerMinute: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { auth, twoFactor } = options;

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, session: SignedIn) => {
    void reply.setCookie(STAFF_SESSION_COOKIE, session.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.cookieSecure === 'auto' ? request.protocol === 'https' : options.cookieSecure,
      expires: session.expiresAt,
    });
  };

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
  const tokenOf = (request: FastifyRequest): string => request.cookies[STAFF_SESSION_COOKIE] ?? '';

  const loginLimit = { rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 } };
  serve(app, AUTH_ROUTES.login, { config: loginLimit }, async ({ body }, request, reply) =>
    signInAnswer(request, reply, await auth.signIn(body.email, body.password, options.deskId)),
  );

  serve(app, AUTH_ROUTES.logout, {}, async (_input, request, reply) => {
    const token = request.cookies[STAFF_SESSION_COOKIE];
    if (token) await auth.signOut(token);
    void reply.clearCookie(STAFF_SESSION_COOKIE, { path: '/' });
  });

  serve(app, AUTH_ROUTES.me, {}, async (_input, request) => {
    const session = await auth.sessionFor(request.cookies[STAFF_SESSION_COOKIE]);
    if (!session) return { user: null };
    return { user: toStaffUser(session.user), ...(session.stage !== 'done' && { step: session.stage }) };
  });

  serve(app, AUTH_ROUTES.secondFactor, { auth, config: loginLimit }, async ({ body }, request, reply) => {
    const session = verifying(request);
    await twoFactor.verifyCode(session.user, body.method, body.code);
    return signInAnswer(request, reply, await auth.finishSecondFactor(session, tokenOf(request), body.method));
  });

  serve(app, AUTH_ROUTES.passkeyOptions, { auth, config: loginLimit }, async (_input, request) => ({
    ...(await twoFactor.authenticationOptions(verifying(request).user, tokenOf(request))),
  }));

  serve(app, AUTH_ROUTES.passkey, { auth, config: loginLimit }, async ({ body }, request, reply) => {
    const session = verifying(request);
    await twoFactor.verifyPasskey(session.user, tokenOf(request), body as unknown as AuthenticationResponseJSON);
    return signInAnswer(request, reply, await auth.finishSecondFactor(session, tokenOf(request), 'passkey'));
  });

  serve(app, AUTH_ROUTES.twoFactor, { auth }, async (_input, request) => twoFactor.status((await enrolling(request)).user));

  serve(app, AUTH_ROUTES.totpSetup, { auth }, async (_input, request) => twoFactor.startTotp((await enrolling(request)).user));

  /** Enrolling ends the `enrol` step: that session is replaced by a full one. */
  const enrolled = async (request: FastifyRequest, reply: FastifyReply, session: StaffSession, method: string) => {
    if (session.stage === 'enrol') setSessionCookie(request, reply, await auth.finishSecondFactor(session, tokenOf(request), method));
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
    const session = await auth.changePassword(user, body.currentPassword, body.newPassword);
    request.log.info({ userId: user.id }, 'staff password changed; all sessions ended');
    setSessionCookie(request, reply, session);
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
