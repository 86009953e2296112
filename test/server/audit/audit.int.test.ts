import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, STAFF_PASSWORD, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

describe.each(databaseTargets)('audit log on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  const auditPage = async (cookie: string, query = '') =>
    server.app.server.inject({ method: 'GET', url: `/api/admin/audit${query}`, headers: { cookie } });

  it('records sign-ins, failed sign-ins (without the address) and password changes, newest first', async () => {
    server.clock.set('2026-03-02T10:00:00Z');
    const consultant = await signedInStaff(server, { name: 'Olena' });
    server.clock.set('2026-03-02T10:01:00Z');
    const failed = await server.app.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@office.example', password: 'wrong password' },
    });
    expect(failed.statusCode).toBe(401);
    server.clock.set('2026-03-02T10:02:00Z');
    const changed = await server.app.server.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: consultant.cookie },
      payload: { currentPassword: STAFF_PASSWORD, newPassword: 'another long passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    server.clock.set('2026-03-02T10:03:00Z');
    const admin = await signedInStaff(server, { role: 'admin', name: 'Admin' });

    const response = await auditPage(admin.cookie);
    expect(response.statusCode).toBe(200);
    const entries = (response.json() as { entries: AuditEntry[] }).entries;
    expect(entries.map((entry) => [entry.action, entry.actor?.name ?? null])).toEqual([
      ['staff.signed_in', 'Admin'],
      ['staff.password_changed', 'Olena'],
      ['staff.sign_in_failed', null],
      ['staff.signed_in', 'Olena'],
    ]);
    expect(entries[2]!.detail).toEqual({ domain: 'office.example' });
    expect(JSON.stringify(entries)).not.toContain('nobody@');
  });

  it('filters by action', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const failures = (await auditPage(admin.cookie, '?action=staff.sign_in_failed')).json() as { entries: AuditEntry[] };
    expect(failures.entries.length).toBeGreaterThan(0);
    expect(failures.entries.every((entry) => entry.action === 'staff.sign_in_failed')).toBe(true);
  });

  it('is for admins only', async () => {
    for (const role of ['consultant', 'supervisor'] as const) {
      const staff = await signedInStaff(server, { role });
      const response = await auditPage(staff.cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    expect((await server.app.server.inject({ method: 'GET', url: '/api/admin/audit' })).statusCode).toBe(401);
  });

  it('refuses a malformed query', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    expect((await auditPage(admin.cookie, '?action=drop_tables')).json()).toMatchObject({ code: 'validation_failed' });
  });
});
