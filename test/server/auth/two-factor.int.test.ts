/**
 * Staff second factors (src/server/auth/two-factor.ts) over HTTP, on two instances of one
 * database: TOTP enrolment after the password, sign-in with a code computed from the secret and the
 * injected clock, codes not taken twice, recovery codes, the lock, the admin's reset and policy.
 */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { STAFF_PASSWORD, twoInstancesForSuite, type TestServer } from '../../support/app';
import { TestSocket } from '../../support/ws-client';
import { databaseTargets } from '../../support/databases';

const ENV = { LOGINS_PER_MINUTE: '100000', STAFF_2FA_REQUIRED_ROLES: 'admin,supervisor' };

let accounts = 0;

function codeAt(server: TestServer, secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: server.clock.now().getTime() });
}

const cookieOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0]!;

function call(server: TestServer, method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: object) {
  return server.app.server.inject({ method, url, ...(cookie && { headers: { cookie } }), ...(payload && { payload }) });
}

async function newStaff(server: TestServer, role: 'admin' | 'supervisor' | 'consultant') {
  const email = `two-factor-${++accounts}-${Date.now()}@example.org`;
  const user = await server.app.auth.addUser({ deskId: server.app.desk.id, email, name: `Staff ${accounts}`, role, languages: ['pl'], password: STAFF_PASSWORD });
  return { user, email };
}

const passwordStep = (server: TestServer, email: string) => call(server, 'POST', '/api/auth/login', undefined, { email, password: STAFF_PASSWORD });

/** An admin who signed in with the password, enrolled TOTP and holds a full session. */
async function enrolledAdmin(server: TestServer) {
  const { user, email } = await newStaff(server, 'admin');
  const login = await passwordStep(server, email);
  const stepCookie = cookieOf(login);
  const { secret } = (await call(server, 'POST', '/api/auth/two-factor/totp', stepCookie)).json();
  const confirm = await call(server, 'POST', '/api/auth/two-factor/totp/confirm', stepCookie, { code: codeAt(server, secret) });
  expect(confirm.statusCode).toBe(200);
  return { user, email, secret, stepCookie, login, confirm, cookie: cookieOf(confirm), recoveryCodes: confirm.json().recoveryCodes as string[] };
}

describe.each(databaseTargets)('staff second factors on $engine', (target) => {
  const instances = twoInstancesForSuite(target, ENV);
  const advanceBoth = (ms: number) => instances().forEach((instance) => instance.clock.advance(ms));

  it('sends an admin without a second factor to enrol, refuses every admin API until then, and signs in with a TOTP code on any instance', async () => {
    const [first, second] = instances();
    const admin = await enrolledAdmin(first);
    expect(admin.login.json().step).toBe('enrol');
    // Before the enrolment the step's cookie opened nothing but the enrolment (checked here afterwards: it is gone).
    expect((await call(first, 'GET', '/api/admin/staff', admin.stepCookie)).json().code).toBe('unauthenticated');
    expect(admin.recoveryCodes).toHaveLength(10);
    expect(new Set(admin.recoveryCodes).size).toBe(10);
    expect((await call(first, 'GET', '/api/admin/staff', admin.cookie)).statusCode).toBe(200);
    const stored = await first.database.db.selectFrom('staff_totp').selectAll().where('user_id', '=', admin.user.id).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(admin.secret);

    const step = await passwordStep(second, admin.email);
    expect(step.json().step).toBe('verify');
    const verifyCookie = cookieOf(step);
    expect((await call(second, 'GET', '/api/admin/staff', verifyCookie)).json().code).toBe('second_factor_required');
    const socket = await TestSocket.open(second.wsUrl, { cookie: verifyCookie });
    socket.send({ type: 'staff.hello' });
    expect(await socket.next('error')).toMatchObject({ code: 'unauthenticated', fatal: true });
    // A password alone cannot add a factor of its own.
    expect((await call(second, 'POST', '/api/auth/two-factor/totp', verifyCookie)).json().code).toBe('second_factor_required');
    // The code used for the enrolment is spent, on the other instance too.
    const reused = await call(second, 'POST', '/api/auth/second-factor', verifyCookie, { method: 'totp', code: codeAt(second, admin.secret) });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('second_factor_invalid');
    expect((await call(second, 'POST', '/api/auth/second-factor', verifyCookie, { method: 'totp', code: '000000' })).json().code).toBe('second_factor_invalid');

    advanceBoth(30_000);
    const signedIn = await call(second, 'POST', '/api/auth/second-factor', verifyCookie, { method: 'totp', code: codeAt(second, admin.secret) });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().step).toBeUndefined();
    expect(signedIn.json().failedSignIns).toMatchObject({ count: 2 });
    expect((await call(first, 'GET', '/api/admin/staff', cookieOf(signedIn))).statusCode).toBe(200);
    expect((await call(first, 'GET', '/api/auth/me', verifyCookie)).json()).toEqual({ user: null });

    const audit = await first.app.audit.page(first.app.desk.id, { limit: 100 });
    const mine = audit.entries.filter((entry) => entry.target?.id === admin.user.id).map((entry) => entry.action);
    expect(mine).toEqual(expect.arrayContaining(['two_factor.enrolled', 'two_factor.failed', 'staff.signed_in']));
    expect(audit.entries.find((entry) => entry.action === 'staff.signed_in' && entry.target?.id === admin.user.id && entry.detail?.secondFactor === 'totp')).toBeDefined();
  });

  it('ends the other enrolment steps of an account once it has a factor: they neither enrol nor sign in', async () => {
    const [first, second] = instances();
    const { email } = await newStaff(first, 'admin');
    const leftover = cookieOf(await passwordStep(second, email));
    const step = cookieOf(await passwordStep(first, email));
    const { secret } = (await call(first, 'POST', '/api/auth/two-factor/totp', step)).json();
    expect((await call(first, 'POST', '/api/auth/two-factor/totp/confirm', step, { code: codeAt(first, secret) })).statusCode).toBe(200);

    expect((await call(second, 'POST', '/api/auth/two-factor/passkey/options', leftover)).json().code).toBe('unauthenticated');
    expect((await call(second, 'POST', '/api/auth/two-factor/totp', leftover)).json().code).toBe('unauthenticated');
    expect((await call(second, 'POST', '/api/auth/two-factor/totp/confirm', leftover, { code: codeAt(second, secret) })).json().code).toBe('unauthenticated');
    expect((await call(second, 'GET', '/api/auth/me', leftover)).json()).toEqual({ user: null });
  });

  it('refuses TOTP codes, not with a 500, when the stored secret cannot be opened (the sealing key changed)', async () => {
    const [first] = instances();
    const admin = await enrolledAdmin(first);
    // Sealed under no key of ours: opening it fails as it would after OUTBOX_SEALING_KEY changed.
    await first.database.db.updateTable('staff_totp').set({ secret_sealed: Buffer.alloc(48).toString('base64') }).where('user_id', '=', admin.user.id).execute();
    advanceBoth(30_000);
    const step = cookieOf(await passwordStep(first, admin.email));
    const refused = await call(first, 'POST', '/api/auth/second-factor', step, { method: 'totp', code: codeAt(first, admin.secret) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('second_factor_invalid');
  });

  it('takes a recovery code instead of a TOTP code, once', async () => {
    const [first, second] = instances();
    const admin = await enrolledAdmin(first);
    const code = admin.recoveryCodes[3]!;
    const step = cookieOf(await passwordStep(first, admin.email));
    const used = await call(first, 'POST', '/api/auth/second-factor', step, { method: 'recovery', code: code.toLowerCase().replaceAll('-', ' ') });
    expect(used.statusCode).toBe(200);
    expect((await call(first, 'GET', '/api/auth/two-factor', cookieOf(used))).json()).toMatchObject({ required: true, totp: true, recoveryCodesLeft: 9 });

    const again = cookieOf(await passwordStep(second, admin.email));
    expect((await call(second, 'POST', '/api/auth/second-factor', again, { method: 'recovery', code })).json().code).toBe('second_factor_invalid');
    const audit = await first.app.audit.page(first.app.desk.id, { limit: 50, action: 'two_factor.recovery_code_used' });
    expect(audit.entries.filter((entry) => entry.target?.id === admin.user.id)).toHaveLength(1);
  });

  it('locks the account after repeated wrong codes, as after wrong passwords', async () => {
    const [first, second] = instances();
    const admin = await enrolledAdmin(first);
    advanceBoth(30_000);
    const step = cookieOf(await passwordStep(first, admin.email));
    for (let guess = 0; guess < 5; guess++) {
      const wrong = await call(guess % 2 ? first : second, 'POST', '/api/auth/second-factor', step, { method: 'totp', code: String(100000 + guess) });
      expect(wrong.json().code).toBe('second_factor_invalid');
    }
    const locked = await call(first, 'POST', '/api/auth/second-factor', step, { method: 'totp', code: codeAt(first, admin.secret) });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('sign_in_locked');
    expect((await passwordStep(second, admin.email)).json().code).toBe('sign_in_locked');
    const audit = await first.app.audit.page(first.app.desk.id, { limit: 50, action: 'staff.sign_in_locked' });
    expect(audit.entries.some((entry) => entry.target?.id === admin.user.id)).toBe(true);
  });

  it('lets an admin reset a second factor (audited, sessions ended, enrolment again) and require one of consultants', async () => {
    const [first, second] = instances();
    const resetter = await enrolledAdmin(first);
    const supervisor = await newStaff(first, 'supervisor');
    const supervisorStep = cookieOf(await passwordStep(first, supervisor.email));
    const beforeEnrolling = await call(first, 'GET', '/api/supervisor/overview', supervisorStep);
    expect(beforeEnrolling.statusCode).toBe(403);
    expect(beforeEnrolling.json().code).toBe('two_factor_enrolment_required');
    expect((await call(first, 'GET', '/api/auth/me', supervisorStep)).json().step).toBe('enrol');
    const { secret } = (await call(first, 'POST', '/api/auth/two-factor/totp', supervisorStep)).json();
    const supervisorCookie = cookieOf(await call(first, 'POST', '/api/auth/two-factor/totp/confirm', supervisorStep, { code: codeAt(first, secret) }));
    expect((await call(first, 'GET', '/api/auth/me', supervisorCookie)).json().step).toBeUndefined();

    expect((await call(second, 'POST', `/api/admin/staff/${supervisor.user.id}/two-factor/reset`, supervisorCookie)).statusCode).toBe(403);
    expect((await call(second, 'POST', `/api/admin/staff/${supervisor.user.id}/two-factor/reset`, resetter.cookie)).statusCode).toBe(204);
    expect((await call(first, 'GET', '/api/auth/me', supervisorCookie)).json()).toEqual({ user: null });
    expect((await passwordStep(first, supervisor.email)).json().step).toBe('enrol');
    const audit = await first.app.audit.page(first.app.desk.id, { limit: 50, action: 'two_factor.reset' });
    expect(audit.entries.find((entry) => entry.target?.id === supervisor.user.id)?.actor?.id).toBe(resetter.user.id);
    expect((await call(first, 'POST', '/api/admin/staff/not-a-staff-id/two-factor/reset', resetter.cookie)).json().code).toBe('staff_not_found');

    const consultant = await newStaff(first, 'consultant');
    expect((await passwordStep(first, consultant.email)).json().step).toBeUndefined();
    expect((await call(second, 'PUT', '/api/admin/two-factor', resetter.cookie, { consultantsRequired: true })).json()).toEqual({ consultantsRequired: true });
    try {
      expect((await passwordStep(first, consultant.email)).json().step).toBe('enrol');
    } finally {
      await call(second, 'PUT', '/api/admin/two-factor', resetter.cookie, { consultantsRequired: false });
    }
  });
});
