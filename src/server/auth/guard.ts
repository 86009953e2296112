/**
 * Staff-only HTTP routes: a contract's `auth` makes serve() (src/server/contracts.ts) put
 * `auth.guard(role)` before the handler, which lets through a signed-in, active staff member of at
 * least that role and puts them on `request.staff`.
 */
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../errors';
import type { StaffMember } from '../staff/types';
import { hasRole, type StaffRole } from './roles';
import { STAFF_SESSION_COOKIE } from './session-cookie';
import type { AuthService } from './service';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffMember;
  }
}

export function requireStaff(auth: AuthService, atLeast: StaffRole = 'consultant'): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = await auth.userForSession(request.cookies[STAFF_SESSION_COOKIE]);
    if (!user) throw new AppError('unauthenticated');
    if (!hasRole(user.role, atLeast)) throw new AppError('forbidden');
    request.staff = user;
  };
}

/** The staff member a guarded route runs for; only call it behind `requireStaff`. */
export function signedInStaff(request: FastifyRequest): StaffMember {
  if (!request.staff) throw new AppError('unauthenticated');
  return request.staff;
}
