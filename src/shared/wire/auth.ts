/** Staff sign-in and their own password (src/server/auth). */
import * as z from 'zod/mini';
import { defineRoute } from './contract';
import { newPasswordSchema, staffUserSchema } from './staff';

const loginRequestSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

const changePasswordRequestSchema = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(1024)),
  newPassword: newPasswordSchema,
});

/** How far a sign-in has come: `verify`: a second factor to give; `enrol`: one to enrol first; absent: done. */
const signInStepSchema = z.enum(['verify', 'enrol']);
export type SignInStep = z.infer<typeof signInStepSchema>;

/** Null when nobody is signed in: the apps ask this on every load, and an answer is no failure. */
const signedInResponseSchema = z.object({ user: z.nullable(staffUserSchema), step: z.optional(signInStepSchema) });

/** Sign-in also tells the owner of wrong passwords (or codes) tried at the account since their last sign-in. */
const loginResponseSchema = z.object({
  user: staffUserSchema,
  step: z.optional(signInStepSchema),
  failedSignIns: z.optional(z.object({ count: z.number(), lastAt: z.iso.datetime() })),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

const twoFactorStatusSchema = z.object({
  /** This account must have a second factor (its role, or the desk's policy for consultants). */
  required: z.boolean(),
  totp: z.boolean(),
  passkeys: z.number(),
  recoveryCodesLeft: z.number(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

const totpSetupSchema = z.object({ secret: z.string(), uri: z.string(), qr: z.string() });
export type TotpSetup = z.infer<typeof totpSetupSchema>;

const codeSchema = z.string().check(z.trim(), z.minLength(6), z.maxLength(32));
const totpConfirmSchema = z.object({ code: codeSchema });
const secondFactorCodeSchema = z.object({ method: z.enum(['totp', 'recovery']), code: codeSchema });

/** Shown once, when the first second factor is enrolled; null when the account already has codes. */
const enrolledSchema = z.object({ recoveryCodes: z.nullable(z.array(z.string())) });

/**
 * A WebAuthn answer as @simplewebauthn/browser gives it; its inside is checked by
 * @simplewebauthn/server, here only its outline and size.
 */
const webauthnAnswerSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(1024)),
  rawId: z.string().check(z.maxLength(1024)),
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});
const webauthnOptionsSchema = z.record(z.string(), z.unknown());

const twoFactorPolicySchema = z.object({ consultantsRequired: z.boolean() });

const reauthenticateRequestSchema = z.object({ password: z.string().check(z.minLength(1), z.maxLength(1024)) });

/** One of the staff member's own sessions: an opaque id, never its token or hash; browser and system empty when not recognised. */
const ownSessionSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  browser: z.string(),
  os: z.string(),
  /** The network signed in from: IPv4 /24, IPv6 /64. */
  network: z.string(),
  current: z.boolean(),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;

/**
 * Sign-in and a password change set the session cookie; sign-out clears it. After the password a
 * session may be only a step: its second factor (`verify`) or an enrolment (`enrol`) replaces the
 * cookie with a full session's.
 */
export const AUTH_ROUTES = {
  login: defineRoute({ method: 'POST', path: '/api/auth/login', auth: 'none', body: loginRequestSchema, response: loginResponseSchema }),
  logout: defineRoute({ method: 'POST', path: '/api/auth/logout', auth: 'none', response: null }),
  /** Who is signed in: 200 with `user: null` rather than a 401, which browsers log as an error on every load. */
  me: defineRoute({ method: 'GET', path: '/api/auth/me', auth: 'none', response: signedInResponseSchema }),
  /** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
  secondFactor: defineRoute({ method: 'POST', path: '/api/auth/second-factor', auth: 'signing-in', body: secondFactorCodeSchema, response: loginResponseSchema }),
  passkeyOptions: defineRoute({ method: 'POST', path: '/api/auth/second-factor/passkey/options', auth: 'signing-in', response: webauthnOptionsSchema }),
  passkey: defineRoute({ method: 'POST', path: '/api/auth/second-factor/passkey', auth: 'signing-in', body: webauthnAnswerSchema, response: loginResponseSchema }),
  /** Enrolment: from a full session (account settings) or from the `enrol` step after the password. */
  twoFactor: defineRoute({ method: 'GET', path: '/api/auth/two-factor', auth: 'signing-in', response: twoFactorStatusSchema }),
  totpSetup: defineRoute({ method: 'POST', path: '/api/auth/two-factor/totp', auth: 'signing-in', response: totpSetupSchema }),
  totpConfirm: defineRoute({ method: 'POST', path: '/api/auth/two-factor/totp/confirm', auth: 'signing-in', body: totpConfirmSchema, response: enrolledSchema }),
  passkeyRegistrationOptions: defineRoute({ method: 'POST', path: '/api/auth/two-factor/passkey/options', auth: 'signing-in', response: webauthnOptionsSchema }),
  passkeyRegistration: defineRoute({ method: 'POST', path: '/api/auth/two-factor/passkey', auth: 'signing-in', body: webauthnAnswerSchema, response: enrolledSchema }),
  changePassword: defineRoute({ method: 'POST', path: '/api/auth/password', auth: 'staff', body: changePasswordRequestSchema, response: null }),
  /** The password again: admin changes are allowed for STAFF_REAUTH_MINUTES (else 403 `reauthentication_required`). */
  reauthenticate: defineRoute({ method: 'POST', path: '/api/auth/reauthenticate', auth: 'staff', body: reauthenticateRequestSchema, response: null }),
  sessions: defineRoute({ method: 'GET', path: '/api/auth/sessions', auth: 'staff', response: z.object({ sessions: z.array(ownSessionSchema) }) }),
  /** Ends one of one's own sessions (404 for any other id), or every one but this. */
  endSession: defineRoute({ method: 'DELETE', path: '/api/auth/sessions/:id', auth: 'staff', response: null }),
  endOtherSessions: defineRoute({ method: 'DELETE', path: '/api/auth/sessions', auth: 'staff', response: null }),
};

/** Second factors in /admin: the desk's policy for consultants, and a reset for one who lost theirs. */
export const TWO_FACTOR_ADMIN_ROUTES = {
  policy: defineRoute({ method: 'GET', path: '/api/admin/two-factor', auth: 'admin', response: twoFactorPolicySchema }),
  setPolicy: defineRoute({ method: 'PUT', path: '/api/admin/two-factor', auth: 'admin', body: twoFactorPolicySchema, response: twoFactorPolicySchema }),
  reset: defineRoute({ method: 'POST', path: '/api/admin/staff/:id/two-factor/reset', auth: 'admin', response: null }),
};
