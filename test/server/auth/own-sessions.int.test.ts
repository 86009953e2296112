/**
 * Staff session lifetime and control (src/server/auth), on two instances of one database with the
 * injected clock: the idle timeout over HTTP and on the console socket, a use written at most once
 * a minute, the owner's list of sessions and ending them, the `__Host-` cookie behind TLS, and
 * re-authentication before admin changes.
 */
import { sql } from 'kysely';
import type { InjectOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { connectStaff, STAFF_PASSWORD, startServer, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { TestSocket } from '../../support/ws-client';
import { BACKGROUND_REFRESH_HEADER } from '../../../src/shared/wire/background-refresh-header';

const ENV = { LOGINS_PER_MINUTE: '100000', STAFF_SESSION_IDLE_MINUTES: '30', STAFF_REAUTH_MINUTES: '10' };
const MINUTE = 60_000;
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_ON_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let accounts = 0;

const cookieOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0]!;

async function newStaff(server: TestServer, role: 'admin' | 'consultant' = 'consultant') {
  const email = `own-sessions-${++accounts}-${Date.now()}@example.org`;
  const user = await server.app.auth.addUser({ deskId: server.app.desk.id, email, name: `Staff ${accounts}`, role, languages: ['pl'], password: STAFF_PASSWORD });
  return { user, email };
}

async function signIn(server: TestServer, email: string, headers: Record<string, string> = {}) {
  const login = await server.app.server.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email, password: STAFF_PASSWORD } });
  expect(login.statusCode).toBe(200);
  return cookieOf(login);
}

describe.each(databaseTargets)('own staff sessions on $engine', (target) => {
  const instances = twoInstancesForSuite(target, ENV);
  const advanceBoth = (ms: number) => instances().forEach((instance) => instance.clock.advance(ms));
  const call = (server: TestServer, options: InjectOptions) => server.app.server.inject(options);
  const canned = (server: TestServer, cookie: string) => call(server, { method: 'GET', url: '/api/canned-answers', headers: { cookie } });
  const lastSeenOf = async (server: TestServer, userId: string) =>
    (await server.database.db.selectFrom('staff_sessions').select('last_seen_at').where('user_id', '=', userId).execute()).map((row) => row.last_seen_at);

  describe('idle timeout', () => {
    it('ends a session unused for STAFF_SESSION_IDLE_MINUTES with 401 session_idle on any instance, while use keeps it alive', async () => {
      const [first, second] = instances();
      const { email } = await newStaff(first);
      const cookie = await signIn(first, email);

      advanceBoth(25 * MINUTE);
      expect((await canned(second, cookie)).statusCode).toBe(200);
      advanceBoth(25 * MINUTE);
      expect((await canned(first, cookie)).statusCode).toBe(200);

      advanceBoth(30 * MINUTE);
      const idle = await canned(second, cookie);
      expect(idle.statusCode).toBe(401);
      expect(idle.json()).toMatchObject({ code: 'session_idle', detail: '30' });
      expect((await canned(first, cookie)).json().code).toBe('session_idle');
      // The probe of a page load answers "nobody", as for no session at all.
      expect((await call(first, { method: 'GET', url: '/api/auth/me', headers: { cookie } })).json()).toEqual({ user: null });
    });

    it("does not count the page's own refreshes as use: an untouched console polling its inbox still goes idle", async () => {
      const [first, second] = instances();
      const { email } = await newStaff(first);
      const cookie = await signIn(first, email);
      const poll = (server: TestServer) => call(server, { method: 'GET', url: '/api/inbox?status=new', headers: { cookie, [BACKGROUND_REFRESH_HEADER]: '1' } });

      for (let minute = 1; minute < 30; minute++) {
        advanceBoth(MINUTE);
        expect((await poll(minute % 2 ? first : second)).statusCode).toBe(200);
      }
      advanceBoth(MINUTE);
      expect((await poll(second)).json()).toMatchObject({ code: 'session_idle' });
      expect((await canned(first, cookie)).json()).toMatchObject({ code: 'session_idle' });
    });

    it('counts a session written by an instance not yet upgraded (no use or proof recorded) from its sign-in', async () => {
      const [first, second] = instances();
      const { email, user } = await newStaff(first, 'admin');
      const cookie = await signIn(first, email);
      await first.database.db.updateTable('staff_sessions').set({ last_seen_at: sql<string>`null`, proved_at: sql<string>`null` }).where('user_id', '=', user.id).execute();

      advanceBoth(11 * MINUTE);
      expect((await canned(second, cookie)).statusCode).toBe(200);
      const change = await call(first, { method: 'PUT', url: '/api/admin/inactivity', headers: { cookie }, payload: { absentSeconds: 7200 } });
      expect(change.json()).toMatchObject({ code: 'reauthentication_required' });
      advanceBoth(30 * MINUTE);
      expect((await canned(first, cookie)).json()).toMatchObject({ code: 'session_idle' });
    });

    it('writes a use at most once a minute, not on every request', async () => {
      const [first, second] = instances();
      const { user, email } = await newStaff(first);
      const cookie = await signIn(first, email);
      const [signedInAt] = await lastSeenOf(first, user.id);

      for (const server of [first, second, first, second, first]) {
        advanceBoth(10_000);
        expect((await canned(server, cookie)).statusCode).toBe(200);
      }
      expect(await lastSeenOf(first, user.id)).toEqual([signedInAt]);

      advanceBoth(15_000);
      await canned(second, cookie);
      const [touchedAt] = await lastSeenOf(first, user.id);
      expect(touchedAt).toBe(second.clock.now().toISOString());
      advanceBoth(10_000);
      await canned(first, cookie);
      expect(await lastSeenOf(first, user.id)).toEqual([touchedAt]);
    });

    it('counts frames a console sends as use but not its heartbeat, and ends its socket once idle', async () => {
      const [first, second] = instances();
      const { user, email } = await newStaff(first);
      const cookie = await signIn(first, email);
      const { socket } = await connectStaff(second, cookie);

      advanceBoth(20 * MINUTE);
      socket.send({ type: 'staff.availability', availability: 'available' });
      const frameAt = second.clock.now().toISOString();
      await vi.waitFor(async () => expect(await lastSeenOf(first, user.id)).toEqual([frameAt]));
      advanceBoth(20 * MINUTE);
      // 40 minutes after sign-in, 20 after the last frame: still signed in.
      expect((await canned(first, cookie)).statusCode).toBe(200);

      advanceBoth(20 * MINUTE);
      socket.send({ type: 'ping' });
      await socket.next('pong');
      advanceBoth(11 * MINUTE);
      socket.send({ type: 'staff.availability', availability: 'away' });
      expect(await socket.next('error')).toMatchObject({ code: 'session_idle', fatal: true, detail: '30' });
      expect((await socket.closed).code).toBe(4000);
      expect((await canned(first, cookie)).json().code).toBe('session_idle');
    });
  });

  describe('the list of own sessions', () => {
    it('lists own sessions with an opaque id, device, shortened network and the current one, never the token hash', async () => {
      const [first] = instances();
      const { email } = await newStaff(first);
      const cookie = await signIn(first, email, { 'user-agent': FIREFOX_ON_WINDOWS });
      await signIn(first, email, { 'user-agent': SAFARI_ON_IPHONE });
      await signIn(first, (await newStaff(first)).email);

      const list = await call(first, { method: 'GET', url: '/api/auth/sessions', headers: { cookie } });
      expect(list.statusCode).toBe(200);
      const { sessions } = list.json() as { sessions: Record<string, unknown>[] };
      expect(sessions).toHaveLength(2);
      expect(sessions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ browser: 'Firefox', os: 'Windows', network: '127.0.0.0/24', current: true }),
          expect.objectContaining({ browser: 'Safari', os: 'iOS', network: '127.0.0.0/24', current: false }),
        ]),
      );
      const hashes = (await first.database.db.selectFrom('staff_sessions').select('token_hash').execute()).map((row) => row.token_hash);
      for (const session of sessions) {
        expect(Object.keys(session).sort()).toEqual(['browser', 'createdAt', 'current', 'id', 'lastSeenAt', 'network', 'os']);
        expect(hashes).not.toContain(session.id);
      }
    });

    it("ends one of one's own sessions on every instance (its socket too), audited, but not another user's", async () => {
      const [first, second] = instances();
      const { user, email } = await newStaff(first);
      const cookie = await signIn(first, email);
      const otherCookie = await signIn(first, email);
      const stranger = await newStaff(first);
      const strangerCookie = await signIn(first, stranger.email);
      const { socket } = await connectStaff(second, otherCookie);

      const idOf = async (server: TestServer, who: string, current: boolean) =>
        ((await call(server, { method: 'GET', url: '/api/auth/sessions', headers: { cookie: who } })).json().sessions as { id: string; current: boolean }[]).find(
          (session) => session.current === current,
        )!.id;
      const strangersId = await idOf(first, strangerCookie, true);
      const notMine = await call(first, { method: 'DELETE', url: `/api/auth/sessions/${strangersId}`, headers: { cookie } });
      expect(notMine.statusCode).toBe(404);
      expect((await canned(first, strangerCookie)).statusCode).toBe(200);

      const end = await call(first, { method: 'DELETE', url: `/api/auth/sessions/${await idOf(first, cookie, false)}`, headers: { cookie } });
      expect(end.statusCode).toBe(204);
      expect(await socket.next('error')).toMatchObject({ code: 'unauthenticated', fatal: true });
      expect((await socket.closed).code).toBe(4000);
      expect((await canned(second, otherCookie)).statusCode).toBe(401);
      expect((await canned(first, cookie)).statusCode).toBe(200);

      const audit = await first.database.db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).execute();
      expect(audit.map((row) => row.action)).toContain('staff.session_ended');
    });

    it('ends every other session, keeping this one', async () => {
      const [first, second] = instances();
      const { user, email } = await newStaff(first);
      const cookie = await signIn(first, email);
      const others = [await signIn(first, email), await signIn(second, email)];
      expect((await call(second, { method: 'DELETE', url: '/api/auth/sessions', headers: { cookie } })).statusCode).toBe(204);
      for (const other of others) expect((await canned(first, other)).statusCode).toBe(401);
      const { sessions } = (await call(first, { method: 'GET', url: '/api/auth/sessions', headers: { cookie } })).json();
      expect(sessions).toEqual([expect.objectContaining({ current: true })]);
      const audit = await first.database.db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).execute();
      expect(audit.map((row) => row.action)).toContain('staff.other_sessions_ended');
    });
  });

  describe('re-authentication before admin changes', () => {
    const changeTwoFactorPolicy = (server: TestServer, cookie: string) =>
      call(server, { method: 'PUT', url: '/api/admin/two-factor', headers: { cookie }, payload: { consultantsRequired: false } });

    it('refuses an admin change once the password is older than STAFF_REAUTH_MINUTES, until it is given again', async () => {
      const [first, second] = instances();
      const { email } = await newStaff(first, 'admin');
      const cookie = await signIn(first, email);
      expect((await changeTwoFactorPolicy(first, cookie)).statusCode).toBe(200);

      advanceBoth(11 * MINUTE);
      const stale = await changeTwoFactorPolicy(second, cookie);
      expect(stale.statusCode).toBe(403);
      expect(stale.json().code).toBe('reauthentication_required');
      // Reading needs no fresh proof.
      expect((await call(second, { method: 'GET', url: '/api/admin/two-factor', headers: { cookie } })).statusCode).toBe(200);

      const again = await call(first, { method: 'POST', url: '/api/auth/reauthenticate', headers: { cookie }, payload: { password: STAFF_PASSWORD } });
      expect(again.statusCode).toBe(204);
      expect((await changeTwoFactorPolicy(second, cookie)).statusCode).toBe(200);
    });

    it('counts wrong re-authentication passwords towards the account lock', async () => {
      const [first] = instances();
      const { email } = await newStaff(first, 'admin');
      const cookie = await signIn(first, email);
      for (let attempt = 0; attempt < 5; attempt++) {
        const wrong = await call(first, { method: 'POST', url: '/api/auth/reauthenticate', headers: { cookie }, payload: { password: 'not the password' } });
        expect(wrong.json().code).toBe('invalid_credentials');
      }
      const locked = await call(first, { method: 'POST', url: '/api/auth/reauthenticate', headers: { cookie }, payload: { password: STAFF_PASSWORD } });
      expect(locked.json().code).toBe('sign_in_locked');
      const login = await call(first, { method: 'POST', url: '/api/auth/login', payload: { email, password: STAFF_PASSWORD } });
      expect(login.json().code).toBe('sign_in_locked');
    });

    it('needs a recent password to lift a visitor block too', async () => {
      const [first] = instances();
      const { email } = await newStaff(first, 'admin');
      const cookie = await signIn(first, email);
      advanceBoth(11 * MINUTE);
      const lift = await call(first, { method: 'DELETE', url: '/api/staff/blocks/no-such-block', headers: { cookie } });
      expect(lift.json().code).toBe('reauthentication_required');
    });
  });

  it('names the cookie __Host-ek_staff behind TLS (Secure, Path=/, no Domain) and reads only that one there', async () => {
    const database = await target.create();
    const tlsServer = await startServer(database.url, { ...ENV, TRUST_PROXY: 'true' });
    try {
      const { email } = await newStaff(tlsServer);
      const https = { 'x-forwarded-proto': 'https' };
      const login = await call(tlsServer, { method: 'POST', url: '/api/auth/login', headers: https, payload: { email, password: STAFF_PASSWORD } });
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-ek_staff=[^;]+;/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/Domain=/i);
      const token = cookieOf(login).split('=')[1]!;

      const me = await call(tlsServer, { method: 'GET', url: '/api/auth/me', headers: { ...https, cookie: `__Host-ek_staff=${token}` } });
      expect(me.json().user).toMatchObject({ email });
      expect((await call(tlsServer, { method: 'GET', url: '/api/canned-answers', headers: { ...https, cookie: `__Host-ek_staff=${token}` } })).statusCode).toBe(200);
      // Behind TLS a plain-named cookie (one a sibling subdomain could plant) is not read.
      expect((await call(tlsServer, { method: 'GET', url: '/api/canned-answers', headers: { ...https, cookie: `ek_staff=${token}` } })).statusCode).toBe(401);

      const socket = await TestSocket.open(tlsServer.wsUrl, { ...https, cookie: `__Host-ek_staff=${token}` });
      socket.send({ type: 'staff.hello' });
      expect((await socket.next('welcome.staff')).user).toMatchObject({ email });
      socket.close();

      const logout = await call(tlsServer, { method: 'POST', url: '/api/auth/logout', headers: { ...https, cookie: `__Host-ek_staff=${token}` } });
      expect(String(logout.headers['set-cookie'])).toMatch(/^__Host-ek_staff=;/);
      expect((await call(tlsServer, { method: 'GET', url: '/api/auth/me', headers: { ...https, cookie: `__Host-ek_staff=${token}` } })).json()).toEqual({ user: null });
    } finally {
      await tlsServer.close();
      await database.drop();
    }
  });
});
