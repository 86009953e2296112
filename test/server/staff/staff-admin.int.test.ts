import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, StaffAccount } from '../../../src/shared/protocol';
import { connectStaff, serverForSuite, signedInStaff, STAFF_PASSWORD, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const NEW_PASSWORD = 'a new long passphrase';

describe.each(databaseTargets)('staff accounts in /admin on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signedInStaff>>;
  beforeEach(async () => {
    server = suiteServer();
    admin = await signedInStaff(server, { role: 'admin', name: 'Admin' });
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
    server.app.server.inject({ method, url, headers: { cookie }, ...(payload !== undefined && { payload: payload as object }) });

  const signIn = (email: string, password: string) => server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  /** The entries of one action about one account (the clock stands still, so only the target tells them apart). */
  const auditEntries = async (action: string, targetId: string): Promise<AuditEntry[]> =>
    ((await call('GET', `/api/admin/audit?action=${action}`, admin.cookie)).json() as { entries: AuditEntry[] }).entries.filter(
      (entry) => entry.target?.id === targetId,
    );

  const newConsultant = (email: string) => ({
    email,
    name: 'Olena Kowalczyk',
    role: 'consultant',
    languages: ['uk', 'pl'],
    topics: ['work', 'residence_card'],
    maxConcurrent: 4,
    interpreterLanguages: ['pjm'],
    password: STAFF_PASSWORD,
  });

  it('creates a consultant who can sign in with the profile given, and audits it without the password', async () => {
    const email = `olena-${Date.now()}@office.example`;
    const created = await call('POST', '/api/admin/staff', admin.cookie, newConsultant(email));
    expect(created.statusCode).toBe(201);
    const account = (created.json() as { account: StaffAccount }).account;
    expect(account).toMatchObject({
      email,
      role: 'consultant',
      languages: ['uk', 'pl'],
      topics: ['work', 'residence_card'],
      maxConcurrent: 4,
      interpreterLanguages: ['pjm'],
      active: true,
      availability: 'offline',
    });

    expect((await signIn(email, STAFF_PASSWORD)).statusCode).toBe(200);
    const listed = (await call('GET', '/api/admin/staff', admin.cookie)).json() as { staff: StaffAccount[] };
    expect(listed.staff.map((person) => person.id)).toContain(account.id);

    const [entry] = await auditEntries('staff.created', account.id);
    expect(entry).toMatchObject({ actor: { id: admin.user.id, name: 'Admin' }, target: { type: 'staff', id: account.id } });
    expect(JSON.stringify(entry)).not.toContain(STAFF_PASSWORD);
  });

  it('refuses a second account with the same address, an unknown topic and a short password, storing nothing', async () => {
    const email = `twice-${Date.now()}@office.example`;
    expect((await call('POST', '/api/admin/staff', admin.cookie, newConsultant(email))).statusCode).toBe(201);
    const again = await call('POST', '/api/admin/staff', admin.cookie, { ...newConsultant(email.toUpperCase()) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'email_taken' });

    const unknownTopic = await call('POST', '/api/admin/staff', admin.cookie, { ...newConsultant(`t-${email}`), topics: ['no_such_topic'] });
    expect(unknownTopic.json()).toMatchObject({ code: 'validation_failed', detail: 'topics' });
    const shortPassword = await call('POST', '/api/admin/staff', admin.cookie, { ...newConsultant(`p-${email}`), password: 'short' });
    expect(shortPassword.json()).toMatchObject({ code: 'validation_failed' });
    const capacity = await call('POST', '/api/admin/staff', admin.cookie, { ...newConsultant(`c-${email}`), maxConcurrent: 0 });
    expect(capacity.json()).toMatchObject({ code: 'validation_failed' });

    const emails = ((await call('GET', '/api/admin/staff', admin.cookie)).json() as { staff: StaffAccount[] }).staff.map((person) => person.email);
    expect(emails.filter((address) => address.endsWith(email))).toEqual([email]);
  });

  it('changes role, languages, topics and capacity, and audits which fields changed', async () => {
    const consultant = await signedInStaff(server, { name: 'Ivan' });
    const response = await call('PATCH', `/api/admin/staff/${consultant.user.id}`, admin.cookie, {
      role: 'supervisor',
      languages: ['ru'],
      topics: [],
      maxConcurrent: 6,
      name: 'Ivan',
    });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { account: StaffAccount }).account).toMatchObject({ role: 'supervisor', languages: ['ru'], topics: [], maxConcurrent: 6 });
    const me = await call('GET', '/api/auth/me', consultant.cookie);
    expect(me.json()).toMatchObject({ user: { role: 'supervisor', maxConcurrent: 6 } });

    const [entry] = await auditEntries('staff.updated', consultant.user.id);
    expect(entry).toMatchObject({ target: { id: consultant.user.id }, detail: { fields: ['role', 'languages', 'max_concurrent'] } });
  });

  it('deactivating ends the person\'s sessions and live socket, and they cannot sign in until reactivated', async () => {
    const consultant = await signedInStaff(server);
    const { socket } = await connectStaff(server, consultant.cookie);

    const response = await call('PATCH', `/api/admin/staff/${consultant.user.id}`, admin.cookie, { active: false });
    expect((response.json() as { account: StaffAccount }).account.active).toBe(false);
    await socket.closed;
    expect((await call('GET', '/api/auth/me', consultant.cookie)).json()).toEqual({ user: null });
    expect((await signIn(consultant.email, STAFF_PASSWORD)).statusCode).toBe(401);
    expect((await auditEntries('staff.deactivated', consultant.user.id))[0]).toMatchObject({ target: { id: consultant.user.id } });

    await call('PATCH', `/api/admin/staff/${consultant.user.id}`, admin.cookie, { active: true });
    expect((await signIn(consultant.email, STAFF_PASSWORD)).statusCode).toBe(200);
    expect(await auditEntries('staff.updated', consultant.user.id)).toHaveLength(1);
    expect((await auditEntries('staff.updated', consultant.user.id))[0]).toMatchObject({ target: { id: consultant.user.id }, detail: { fields: ['active'] } });
  });

  it('resets a password: the old one and every session stop working', async () => {
    const consultant = await signedInStaff(server);
    const reset = await call('POST', `/api/admin/staff/${consultant.user.id}/password`, admin.cookie, { password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', consultant.cookie)).json()).toEqual({ user: null });
    expect((await signIn(consultant.email, STAFF_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(consultant.email, NEW_PASSWORD)).statusCode).toBe(200);
    const [entry] = await auditEntries('staff.password_reset', consultant.user.id);
    expect(entry).toMatchObject({ actor: { id: admin.user.id }, target: { id: consultant.user.id }, detail: null });
  });

  it('does not let an admin deactivate or demote themselves', async () => {
    for (const change of [{ active: false }, { role: 'supervisor' }]) {
      const response = await call('PATCH', `/api/admin/staff/${admin.user.id}`, admin.cookie, change);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'own_account' });
    }
    expect((await call('GET', '/api/auth/me', admin.cookie)).json()).toMatchObject({ user: { role: 'admin' } });
  });

  it('answers an unknown account with staff_not_found', async () => {
    const response = await call('PATCH', '/api/admin/staff/7d0c52a4-52d4-4b8e-a3c3-2e9d3b0b8a11', admin.cookie, { name: 'Nobody' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'staff_not_found' });
  });

  it('is for admins only', async () => {
    const consultant = await signedInStaff(server);
    for (const role of ['consultant', 'supervisor'] as const) {
      const staff = await signedInStaff(server, { role });
      for (const [method, url, payload] of [
        ['GET', '/api/admin/staff', undefined],
        ['POST', '/api/admin/staff', newConsultant(`x-${Date.now()}@office.example`)],
        ['PATCH', `/api/admin/staff/${consultant.user.id}`, { role: 'admin' }],
        ['POST', `/api/admin/staff/${consultant.user.id}/password`, { password: NEW_PASSWORD }],
      ] as const) {
        const response = await call(method, url, staff.cookie, payload);
        expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
    expect((await server.app.server.inject({ method: 'GET', url: '/api/admin/staff' })).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', consultant.cookie)).json()).toMatchObject({ user: { role: 'consultant' } });
  });
});
