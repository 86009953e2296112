import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminSchedule, AuditEntry, DeskInfo } from '../../../src/shared/protocol';
import { signedInStaff, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const MESSAGES = { pl: 'Przerwa techniczna.', en: 'Technical break.', uk: 'Технічна перерва.', ru: 'Технический перерыв.' };
/** Wednesday 2026-01-14 12:00 in Warsaw, inside the default hours. */
const WEDNESDAY_NOON = '2026-01-14T11:00:00Z';
const WEEKDAYS_11_TO_14 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '11:00', end: '14:00' }));
/** Saturday 2026-01-17 09:30 in Warsaw. */
const SATURDAY_MORNING = '2026-01-17T08:30:00Z';

/** Two instances on one database: what an admin changes through one, the other applies at once. */
describe.each(databaseTargets)('the schedule in /admin on $engine', (target) => {
  const instances = twoInstancesForSuite(target);
  let first: TestServer;
  let second: TestServer;
  let admin: Awaited<ReturnType<typeof signedInStaff>>;
  beforeAll(() => {
    [first, second] = instances();
    first.clock.set(WEDNESDAY_NOON);
  });
  beforeEach(async () => {
    // Only the second instance's clock goes back: the first one's moves on, keeping the audit log in order.
    second.clock.set(WEDNESDAY_NOON);
    admin = await signedInStaff(first, { role: 'admin', name: 'Admin' });
    // Each test starts from the default hours, whatever the one before it left.
    await call('PUT', '/api/admin/schedule/hours', { hours: WEEKDAYS_11_TO_14, serviceStart: null, serviceEnd: null });
    await call('DELETE', '/api/admin/schedule/pause');
  });

  /** Through the first instance, a second later each time, so the audit log has an order. */
  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = admin.cookie) => {
    first.clock.advance(1000);
    return first.app.server.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });
  };
  const statusOnSecond = async () => ((await second.app.server.inject({ method: 'GET', url: '/api/desk' })).json() as DeskInfo).schedule;
  const lastChange = async () =>
    ((await call('GET', '/api/admin/audit?action=schedule.changed')).json() as { entries: AuditEntry[] }).entries[0];

  it('starts from the configured hours', async () => {
    const schedule = (await second.app.server.inject({ method: 'GET', url: '/api/admin/schedule', headers: { cookie: (await signedInStaff(second, { role: 'admin' })).cookie } })).json() as AdminSchedule;
    expect(schedule).toMatchObject({ timeZone: 'Europe/Warsaw', serviceStart: null, serviceEnd: null, lastEntryMinutes: 10, pause: null, exceptions: [] });
    expect(schedule.hours).toHaveLength(5);
    expect(schedule.hours[0]).toEqual({ weekday: 1, start: '11:00', end: '14:00' });
    expect(schedule.status.open).toBe(true);
  });

  it('new weekly hours with split shifts apply on the other instance at once, and are audited', async () => {
    const hours = [
      { weekday: 3, start: '13:00', end: '15:00' },
      { weekday: 3, start: '08:00', end: '11:30' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ];
    const saved = await call('PUT', '/api/admin/schedule/hours', { hours, serviceStart: null, serviceEnd: null });
    expect(saved.statusCode).toBe(200);
    expect((saved.json() as AdminSchedule).hours).toEqual([hours[1], hours[0], hours[2]]);

    expect(await statusOnSecond()).toMatchObject({ open: false, reason: 'outside_hours', nextOpening: '2026-01-14T12:00:00Z' });
    second.clock.set(SATURDAY_MORNING);
    expect(await statusOnSecond()).toMatchObject({ open: true, closesAt: '2026-01-17T11:00:00Z' });
    expect(await lastChange()).toMatchObject({ actor: { name: 'Admin' }, target: { type: 'schedule', id: 'weekly_hours' }, detail: { hours: 3 } });

  });

  it('refuses overlapping or malformed hours and a service period that ends before it starts, changing nothing', async () => {
    const before = (await call('GET', '/api/admin/schedule')).json() as AdminSchedule;
    for (const body of [
      { hours: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }], serviceStart: null, serviceEnd: null },
      { hours: [{ weekday: 1, start: '12:00', end: '09:00' }], serviceStart: null, serviceEnd: null },
      { hours: [{ weekday: 1, start: '9:00', end: '12:00' }], serviceStart: null, serviceEnd: null },
      { hours: [{ weekday: 8, start: '09:00', end: '12:00' }], serviceStart: null, serviceEnd: null },
      { hours: before.hours, serviceStart: '2026-06-01', serviceEnd: '2026-05-31' },
      { hours: before.hours, serviceStart: '2026-02-30', serviceEnd: null },
    ]) {
      const response = await call('PUT', '/api/admin/schedule/hours', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect(((await call('GET', '/api/admin/schedule')).json() as AdminSchedule).hours).toEqual(before.hours);
  });

  it('a service period that has ended closes the desk everywhere', async () => {
    const { hours } = (await call('GET', '/api/admin/schedule')).json() as AdminSchedule;
    await call('PUT', '/api/admin/schedule/hours', { hours, serviceStart: '2025-03-01', serviceEnd: '2026-01-13' });
    expect(await statusOnSecond()).toMatchObject({ open: false, reason: 'after_service', serviceEnd: '2026-01-13' });
    const started = await second.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true } });
    expect(started.json()).toMatchObject({ code: 'service_closed' });

    await call('PUT', '/api/admin/schedule/hours', { hours, serviceStart: '2025-03-01', serviceEnd: null });
    expect(await statusOnSecond()).toMatchObject({ open: true, serviceStart: '2025-03-01', serviceEnd: null });
  });

  it('dated exceptions: a closed day and special hours, then removed', async () => {
    const closed = await call('PUT', '/api/admin/schedule/exceptions/2026-01-14', { hours: [] });
    expect((closed.json() as AdminSchedule).exceptions).toEqual([{ date: '2026-01-14', hours: [] }]);
    expect(await statusOnSecond()).toMatchObject({ open: false, reason: 'closed_day' });
    expect(await lastChange()).toMatchObject({ target: { id: 'exception' }, detail: { date: '2026-01-14', hours: 'closed' } });

    await call('PUT', '/api/admin/schedule/exceptions/2026-01-14', { hours: [{ start: '11:30', end: '12:30' }, { start: '09:00', end: '10:00' }] });
    expect(await statusOnSecond()).toMatchObject({ open: true, closesAt: '2026-01-14T11:30:00Z' });

    const bad = await call('PUT', '/api/admin/schedule/exceptions/2026-13-01', { hours: [] });
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });

    const removed = await call('DELETE', '/api/admin/schedule/exceptions/2026-01-14');
    expect((removed.json() as AdminSchedule).exceptions).toEqual([]);
    expect(await statusOnSecond()).toMatchObject({ open: true, closesAt: '2026-01-14T13:00:00Z' });
  });

  it('a pause needs a message in every language, shows it to visitors, and ends with resume', async () => {
    const incomplete = await call('PUT', '/api/admin/schedule/pause', { messages: { pl: 'Przerwa.' } });
    expect(incomplete.json()).toMatchObject({ code: 'validation_failed' });
    expect((await statusOnSecond()).open).toBe(true);

    const paused = await call('PUT', '/api/admin/schedule/pause', { messages: MESSAGES });
    expect((paused.json() as AdminSchedule).pause?.messages).toEqual(MESSAGES);
    expect(await statusOnSecond()).toMatchObject({ open: false, reason: 'paused', pauseMessage: MESSAGES });
    expect(await lastChange()).toMatchObject({ target: { id: 'pause' }, detail: { paused: true } });

    const resumed = await call('DELETE', '/api/admin/schedule/pause');
    expect((resumed.json() as AdminSchedule).pause).toBeNull();
    expect((await statusOnSecond()).open).toBe(true);
    expect(await lastChange()).toMatchObject({ target: { id: 'pause' }, detail: { paused: false } });
  });

  it('is for admins only', async () => {
    for (const role of ['consultant', 'supervisor'] as const) {
      const staff = await signedInStaff(first, { role });
      for (const [method, url, body] of [
        ['GET', '/api/admin/schedule', undefined],
        ['PUT', '/api/admin/schedule/hours', { hours: [], serviceStart: null, serviceEnd: null }],
        ['PUT', '/api/admin/schedule/exceptions/2026-01-14', { hours: [] }],
        ['DELETE', '/api/admin/schedule/exceptions/2026-01-14', undefined],
        ['PUT', '/api/admin/schedule/pause', { messages: MESSAGES }],
        ['DELETE', '/api/admin/schedule/pause', undefined],
      ] as const) {
        expect((await call(method, url, body, staff.cookie)).statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
    expect((await statusOnSecond()).open).toBe(true);
  });
});
