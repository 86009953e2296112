/**
 * Staff sign-in and sessions (src/server/auth): the session cookie, sign-out and password change,
 * seen over HTTP and on the console sockets those sessions opened.
 */
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, serverForSuite, signedInStaff, startConversation, startServer, STAFF_PASSWORD, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };

describe.each(databaseTargets)('staff sign-in and sessions on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  const inject = (options: InjectOptions) => server.app.server.inject(options);

  describe('staff sign-in', () => {
    it('sets an HttpOnly SameSite=Strict session cookie and answers /me', async () => {
      const staff = await signedInStaff(server, { name: 'Jan' });
      const me = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staff.cookie } });
      expect(me.json().user).toMatchObject({ name: 'Jan', role: 'consultant', languages: ['pl', 'en'] });
      expect(me.json().user).not.toHaveProperty('password_hash');
      const login = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: STAFF_PASSWORD } });
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).not.toMatch(/Secure/);
    });

    it('answers the "who is signed in" probe with 200 and no user without a session, while staff routes still refuse with 401', async () => {
      for (const headers of [{}, { cookie: 'ek_staff=not-a-session' }]) {
        const probe = await inject({ method: 'GET', url: '/api/auth/me', headers });
        expect(probe.statusCode).toBe(200);
        expect(probe.json()).toEqual({ user: null });
      }
      const guarded = await inject({ method: 'GET', url: '/api/canned-answers' });
      expect(guarded.statusCode).toBe(401);
      expect(guarded.json().code).toBe('unauthenticated');
    });

    it('marks the cookie Secure behind TLS', async () => {
      const staff = await signedInStaff(server);
      const database = await target.create();
      const tlsServer = await startServer(database.url, { TRUST_PROXY: 'true', LOGINS_PER_MINUTE: '100' });
      try {
        await tlsServer.app.auth.addUser({ deskId: tlsServer.app.desk.id, email: staff.email, name: 'T', role: 'consultant', languages: ['pl'], password: STAFF_PASSWORD });
        const login = await tlsServer.app.server.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { email: staff.email, password: STAFF_PASSWORD },
        });
        expect(String(login.headers['set-cookie'])).toMatch(/Secure/);
      } finally {
        await tlsServer.close();
        await database.drop();
      }
    });

    it('gives the same answer for a wrong password and an unknown e-mail', async () => {
      const staff = await signedInStaff(server);
      const wrong = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: 'wrong password!!' } });
      const unknown = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.org', password: 'wrong password!!' } });
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.json().code).toBe('invalid_credentials');
      expect(unknown.json().code).toBe('invalid_credentials');
    });

    it('ends the session on sign-out', async () => {
      const staff = await signedInStaff(server);
      expect((await inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie } })).statusCode).toBe(204);
      const me = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staff.cookie } });
      expect(me.json()).toEqual({ user: null });
    });

    it('ends every session when the password changes, and keeps the changing browser signed in', async () => {
      const staff = await signedInStaff(server);
      const otherBrowser = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: STAFF_PASSWORD } });
      const otherCookie = String(otherBrowser.headers['set-cookie']).split(';')[0]!;

      const tooShort = await inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: staff.cookie }, payload: { currentPassword: STAFF_PASSWORD, newPassword: 'short' } });
      expect(tooShort.json().code).toBe('validation_failed');
      const change = await inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: staff.cookie },
        payload: { currentPassword: STAFF_PASSWORD, newPassword: 'a much better passphrase' },
      });
      expect(change.statusCode).toBe(204);
      const newCookie = String(change.headers['set-cookie']).split(';')[0]!;

      for (const cookie of [staff.cookie, otherCookie]) {
        expect((await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json()).toEqual({ user: null });
      }
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: newCookie } })).statusCode).toBe(200);
    });
  });

  describe('staff sessions and sockets', () => {
    it('closes the console socket of a session that signs out, and only that one', async () => {
      const staff = await signedInStaff(server);
      const otherLogin = await server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: STAFF_PASSWORD } });
      const otherCookie = String(otherLogin.headers['set-cookie']).split(';')[0]!;
      const signingOut = await connectStaff(server, staff.cookie);
      const staying = await connectStaff(server, otherCookie);

      await server.app.server.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie } });
      expect(await signingOut.socket.next('error')).toMatchObject({ code: 'unauthenticated', fatal: true });
      expect((await signingOut.socket.closed).code).toBe(4000);

      await startConversation(server);
      await staying.socket.next('conversation.updated');
      expect(signingOut.socket.received.some((f) => f.type === 'conversation.updated')).toBe(false);
    });

    it('closes every console socket of a user whose password changes', async () => {
      const staff = await signedInStaff(server);
      const [first, second] = await Promise.all([connectStaff(server, staff.cookie), connectStaff(server, staff.cookie)]);
      await server.app.auth.setPassword(staff.user.id, 'a different long passphrase');
      for (const { socket } of [first, second]) {
        expect((await socket.closed).code).toBe(4000);
      }
    });
  });
});
