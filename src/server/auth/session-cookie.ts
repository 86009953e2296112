/**
 * The staff session cookie: HttpOnly, SameSite=Strict, Path=/. Behind TLS it is Secure and named
 * `__Host-ek_staff`, which a browser only accepts Secure, from this very host and without Domain,
 * so a sibling subdomain cannot plant one (session fixation); over plain HTTP it is `ek_staff`.
 * Every reader takes the name the request's scheme calls for, and only that one.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

export const STAFF_SESSION_COOKIE = 'ek_staff';
export const STAFF_SESSION_COOKIE_TLS = '__Host-ek_staff';

export class StaffSessionCookie {
  constructor(private readonly cookieSecure: Config['cookieSecure']) {}

  private secure(request: FastifyRequest): boolean {
    return this.cookieSecure === 'auto' ? request.protocol === 'https' : this.cookieSecure;
  }

  private nameFor(request: FastifyRequest): string {
    return this.secure(request) ? STAFF_SESSION_COOKIE_TLS : STAFF_SESSION_COOKIE;
  }

  tokenOf(request: FastifyRequest): string | undefined {
    return request.cookies[this.nameFor(request)];
  }

  set(request: FastifyRequest, reply: FastifyReply, token: string, expires: Date): void {
    void reply.setCookie(this.nameFor(request), token, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secure(request), expires });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(this.nameFor(request), { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secure(request) });
  }
}
