/**
 * Staff-only HTTP routes: a contract's `auth` makes serve() (src/server/contracts.ts) put
 * `AuthService.guard(role)` before the handler, which puts the signed-in staff member on
 * `request.staff` for the handler to read here.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { staffActorOf, type StaffActor } from '../actor';
import type { StaffMember } from '../staff/types';
import type { SessionStage } from './tables';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffMember;
    /** How far the session's sign-in has come; only `signing-in` routes see other than `done`. */
    staffStage?: SessionStage;
  }
}

/** The staff member a guarded route runs for; only call it in a handler of a staff contract. */
export function signedInStaff(request: FastifyRequest): StaffMember {
  if (!request.staff) throw new AppError('unauthenticated');
  return request.staff;
}

/** The staff member of a `signing-in` route, and how far their session's sign-in has come. */
export function signingInStaff(request: FastifyRequest): { user: StaffMember; stage: SessionStage } {
  if (!request.staff || !request.staffStage) throw new AppError('unauthenticated');
  return { user: request.staff, stage: request.staffStage };
}

/** The same staff member, as the actor services take. */
export function signedInActor(request: FastifyRequest): StaffActor {
  return staffActorOf(signedInStaff(request));
}
