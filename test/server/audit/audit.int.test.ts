import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, STAFF_PASSWORD, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const actorOf = (user: { id: string; name: string; desk_id: string }) => ({ kind: 'staff' as const, id: user.id, name: user.name, deskId: user.desk_id });

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

  it('records who took and who closed a conversation, with the outcome', async () => {
    server.clock.set('2026-03-03T10:00:00Z'); // Tuesday 11:00 in Warsaw: open
    const consultant = await signedInStaff(server, { name: 'Taras' });
    const { token } = await startConversation(server);
    const { id } = await server.app.conversations.findByToken(token);
    await server.app.conversations.take(actorOf(consultant.user), id);
    server.clock.set('2026-03-03T10:05:00Z');
    await server.app.conversations.close(server.app.desk, actorOf(consultant.user), id, 'work', 'answered');
    const admin = await signedInStaff(server, { role: 'admin' });
    const entries = ((await auditPage(admin.cookie)).json() as { entries: AuditEntry[] }).entries.filter((entry) => entry.target?.id === id);
    expect(entries.map((entry) => [entry.action, entry.actor?.name, entry.detail])).toEqual([
      ['conversation.closed', 'Taras', { outcome: 'answered', topic: 'work' }],
      ['conversation.taken', 'Taras', null],
    ]);
  });

  it("names the staff the entries mention by today's names, deactivated accounts too", async () => {
    const admin = await signedInStaff(server, { role: 'admin', name: 'Anna Nowak' });
    const colleague = await signedInStaff(server, { name: 'Olena Kowalczyk' });
    const patch = (payload: object) =>
      server.app.server.inject({ method: 'PATCH', url: `/api/admin/staff/${colleague.user.id}`, headers: { cookie: admin.cookie }, payload });
    expect((await patch({ active: false })).statusCode).toBe(200);
    await server.app.audit.record({
      deskId: server.app.desk.id,
      actor: { id: admin.user.id, name: admin.user.name },
      action: 'conversation.reassigned',
      target: { type: 'conversation', id: 'c-named' },
      detail: { from: colleague.user.id, to: admin.user.id },
    });

    const page = (await auditPage(admin.cookie)).json() as { entries: AuditEntry[]; names: Record<string, string> };
    const deactivated = page.entries.find((entry) => entry.action === 'staff.deactivated' && entry.target?.id === colleague.user.id);
    expect(deactivated?.actor?.name).toBe('Anna Nowak');
    expect(page.names[colleague.user.id]).toBe('Olena Kowalczyk');
    expect(page.names[admin.user.id]).toBe('Anna Nowak');
    // A conversation is no one's name: its id stays in the entry only.
    expect(page.names['c-named']).toBeUndefined();

    // Topics are named in the reader's language.
    await server.app.audit.record({ deskId: server.app.desk.id, actor: null, action: 'topics.changed', target: { type: 'topic', id: 'work' }, detail: { change: 'updated' } });
    const inUkrainian = (await auditPage(admin.cookie, '?action=topics.changed&lang=uk')).json() as { names: Record<string, string> };
    const inEnglish = (await auditPage(admin.cookie, '?action=topics.changed&lang=en')).json() as { names: Record<string, string> };
    expect(inEnglish.names.work).toMatch(/^Work/);
    expect(inUkrainian.names.work).not.toBe(inEnglish.names.work);
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
    for (const before of ['2026-03-02T10:00:00.000Z', `2026-03-02T10:00:00.000Z|x' OR 1=1`, '|']) {
      expect((await auditPage(admin.cookie, `?before=${encodeURIComponent(before)}`)).json()).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('pages through entries that share one time, each exactly once, newest first', async () => {
    const times = ['2026-04-01T09:00:00.000Z', '2026-04-01T09:01:00.000Z', '2026-04-01T09:02:00.000Z'];
    const perTime = [20, 45, 15];
    let recorded = 0;
    for (const [index, time] of times.entries()) {
      server.clock.set(time);
      for (let n = 0; n < perTime[index]!; n += 1) {
        recorded += 1;
        await server.app.audit.record({ deskId: server.app.desk.id, actor: null, action: 'schedule.changed', target: { type: 'paging', id: String(recorded) } });
      }
    }

    const admin = await signedInStaff(server, { role: 'admin' });
    const seen: AuditEntry[] = [];
    let pages = 0;
    for (let before: string | null = null; pages === 0 || before; pages += 1) {
      const query = `?action=schedule.changed${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const page = (await auditPage(admin.cookie, query)).json() as { entries: AuditEntry[]; nextBefore: string | null };
      seen.push(...page.entries);
      before = page.nextBefore;
    }
    const paging = seen.filter((entry) => entry.target?.type === 'paging');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(paging).toHaveLength(recorded);
    expect(new Set(paging.map((entry) => entry.target!.id)).size).toBe(recorded);
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(seen.length);
    const ats = paging.map((entry) => entry.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });
});
