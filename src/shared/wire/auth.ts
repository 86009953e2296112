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

/** Null when nobody is signed in: the apps ask this on every load, and an answer is no failure. */
const signedInResponseSchema = z.object({ user: z.nullable(staffUserSchema) });

/** Sign-in also tells the owner of wrong passwords tried at the account since their last sign-in. */
const loginResponseSchema = z.object({
  user: staffUserSchema,
  failedSignIns: z.optional(z.object({ count: z.number(), lastAt: z.iso.datetime() })),
});

/** Sign-in and a password change set the session cookie; sign-out clears it. */
export const AUTH_ROUTES = {
  login: defineRoute({ method: 'POST', path: '/api/auth/login', auth: 'none', body: loginRequestSchema, response: loginResponseSchema }),
  logout: defineRoute({ method: 'POST', path: '/api/auth/logout', auth: 'none', response: null }),
  /** Who is signed in: 200 with `user: null` rather than a 401, which browsers log as an error on every load. */
  me: defineRoute({ method: 'GET', path: '/api/auth/me', auth: 'none', response: signedInResponseSchema }),
  changePassword: defineRoute({ method: 'POST', path: '/api/auth/password', auth: 'staff', body: changePasswordRequestSchema, response: null }),
};
