/**
 * Calls and bookings are counted in the aggregate store with the events themselves (a call's end,
 * a booking made, moved, joined, cancelled) and the counts outlive the retention job that deletes
 * the calls, bookings and conversations; the rebuild from the live tables agrees with them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { staffActorOf, type VisitorActor } from '../../../src/server/actor';
import { RetentionJob } from '../../../src/server/retention/job';
import { RetentionRepository } from '../../../src/server/retention/repository';
import type { CreateBookingRequest, Report, ReportTable } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

// The booking abuse limits are lifted: these tests book several slots for one address.
const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', RETENTION_DAYS: '30', REPORT_MIN_GROUP: '1', BOOKINGS_PER_EMAIL: '1000', MAILS_PER_RECIPIENT_PER_DAY: '1000' };
/** The hashed client network a booking is counted under (bookings/routes.ts), here one for all. */
const CLIENT = 'test-client';

function table(report: Report, figure: ReportTable['figure']): ReportTable {
  return report.tables.find((candidate) => candidate.figure === figure)!;
}

function summary(report: Report): Record<string, unknown> {
  return Object.fromEntries(table(report, 'summary').rows.map(([label, value]) => [label, value]));
}

describe.each(databaseTargets)('calls and bookings in the reports on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function report(query: string): Promise<Report> {
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const response = await server.app.server.inject({ method: 'GET', url: `/api/reports?${query}`, headers: { cookie: supervisor.cookie } });
    expect(response.statusCode).toBe(200);
    return response.json<Report>();
  }

  /** Deletes everything personal a year on, as the hourly job does. */
  async function retention(at: string) {
    server.clock.set(at);
    const job = new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log);
    return job.runOnce();
  }

  it('counts each call by kind, outcome and talk time, an interpreted one by its language, and keeps them past retention', async () => {
    server.clock.set('2026-02-04T10:00:00Z'); // a Wednesday, 11:00 in Warsaw
    const consultant = await signedInStaff(server, { name: 'Anna', languages: ['uk', 'en'] });
    const interpreter = await signedInStaff(server, { name: 'Marta' });
    await server.database.db
      .updateTable('staff_users')
      .set({ interpreter_languages: 'uk', availability: 'available' })
      .where('id', '=', interpreter.user.id)
      .execute();
    const anna = staffActorOf(consultant.user);
    const { token } = await startConversation(server, { language: 'uk' });
    const { id: conversationId } = await server.app.conversations.findByToken(token);
    await server.app.conversations.take(anna, conversationId);
    const visitor: VisitorActor = { kind: 'visitor', conversationId };
    const liveCall = async () => (await server.app.calls.liveFor(anna, [conversationId]))[0]!.id;

    // A video call answered after 5 s and held for two minutes.
    await server.app.calls.start(anna, conversationId, 'video');
    let callId = await liveCall();
    server.clock.advance(5_000);
    await server.app.calls.accept(visitor, callId);
    server.clock.advance(120_000);
    await server.app.calls.hangUp(visitor, callId);

    // A voice call nobody answered.
    await server.app.calls.start(anna, conversationId, 'voice');
    callId = await liveCall();
    server.clock.advance(10_000);
    await server.app.calls.hangUp(anna, callId);

    // A voice call with an interpreter, held for five minutes.
    await server.app.calls.start(anna, conversationId, 'voice');
    callId = await liveCall();
    await server.app.calls.accept(visitor, callId);
    await server.app.calls.invite(anna, callId, interpreter.user.id);
    await server.app.calls.accept(staffActorOf(interpreter.user), callId);
    server.clock.advance(300_000);
    await server.app.calls.hangUp(staffActorOf(interpreter.user), callId);
    await server.app.calls.hangUp(anna, callId);

    const query = 'from=2026-02-04&to=2026-02-04';
    const counted = await report(query);
    expect(table(counted, 'calls').rows).toEqual([
      ['video', 'answered', 1, 120, 120],
      ['voice', 'answered', 1, 300, 300],
      ['voice', 'missed', 1, 0, 0],
    ]);
    expect(table(counted, 'interpreter_calls').rows).toEqual([['uk', 1, 300]]);
    expect(summary(counted)).toMatchObject({ calls: 3, call_average_seconds: 210 });
    // Filtering by channel shows one kind of call.
    expect(table(await report(`${query}&channel=video`), 'calls').rows).toEqual([['video', 'answered', 1, 120, 120]]);

    // The rebuild from the live tables finds the same calls.
    await server.app.reports.rebuild(server.app.desk.id, '2026-02-04', '2026-02-04');
    expect(table(await report(query), 'calls').rows).toEqual(table(counted, 'calls').rows);
    expect(table(await report(query), 'interpreter_calls').rows).toEqual(table(counted, 'interpreter_calls').rows);

    await server.app.conversations.close(server.app.desk, anna, conversationId, 'work', 'answered');
    const withClose = await report(query);
    expect((await retention('2026-06-01T10:00:00Z')).conversations).toBeGreaterThanOrEqual(1);
    expect(await server.database.db.selectFrom('calls').select('id').where('conversation_id', '=', conversationId).execute()).toEqual([]);
    expect(await report(query)).toEqual(withClose);
  });

  it('counts bookings made, moved, attended, missed and cancelled on their slot’s day, once each, and keeps them past retention', async () => {
    server.clock.set('2026-02-09T08:00:00Z'); // Monday 9 February, 09:00 in Warsaw, before opening
    const consultant = await signedInStaff(server, { languages: ['en', 'uk'] });
    const slots = await server.app.bookings.freeSlots(server.app.desk, 'en');
    const onMonday = slots.filter((slot) => slot.startsAt.startsWith('2026-02-09'));
    const onTuesday = slots.filter((slot) => slot.startsAt.startsWith('2026-02-10'));
    expect(onMonday.length).toBeGreaterThanOrEqual(4);
    const request = (startsAt: string): CreateBookingRequest => ({
      language: 'en',
      topic: 'work',
      callKind: 'voice',
      startsAt,
      email: 'visitor@example.org',
      timeZone: 'Europe/Warsaw',
      privacyAccepted: true,
    });
    const attended = await server.app.bookings.book(server.app.desk, request(onMonday[0]!.startsAt), CLIENT);
    const missed = await server.app.bookings.book(server.app.desk, request(onMonday[1]!.startsAt), CLIENT);
    const cancelled = await server.app.bookings.book(server.app.desk, request(onMonday[2]!.startsAt), CLIENT);
    const moved = await server.app.bookings.book(server.app.desk, request(onMonday[3]!.startsAt), CLIENT);
    await server.app.bookings.move(server.app.desk, moved.token, { startsAt: onTuesday[0]!.startsAt, timeZone: 'Europe/Warsaw' });
    await server.app.bookings.cancel(server.app.desk, cancelled.token);

    // The visitor joins, leaves the page, joins again (a second conversation): attended once.
    server.clock.set(onMonday[0]!.startsAt);
    const joined = await server.app.bookings.join(server.app.desk, attended.token);
    const anna = staffActorOf(consultant.user);
    await server.app.conversations.take(anna, joined.conversation.id);
    await server.app.conversations.close(server.app.desk, anna, joined.conversation.id, 'work', 'answered');
    const again = await server.app.bookings.join(server.app.desk, attended.token);
    expect(again.conversation.id).not.toBe(joined.conversation.id);
    await server.app.conversations.endByVisitor(again.conversation.id);

    // Reported the next morning: Monday's unattended booking is missed, Tuesday's not yet.
    server.clock.set('2026-02-10T08:00:00Z');
    const monday = 'from=2026-02-09&to=2026-02-09';
    const both = 'from=2026-02-09&to=2026-02-10';
    expect(summary(await report(monday))).toMatchObject({ bookings_made: 3, bookings_attended: 1, bookings_missed: 1, bookings_cancelled: 1 });
    expect(summary(await report(both))).toMatchObject({ bookings_made: 4, bookings_attended: 1, bookings_missed: 1, bookings_cancelled: 1 });
    // A day later the moved booking, never joined, is missed too.
    server.clock.set('2026-02-11T08:00:00Z');
    const counted = await report(both);
    expect(table(counted, 'bookings').rows).toEqual([['en', 4, 1, 2, 1]]);

    // The rebuild from the live tables agrees.
    await server.app.reports.rebuild(server.app.desk.id, '2026-02-09', '2026-02-10');
    expect(await report(both)).toEqual(counted);

    await retention('2026-08-03T08:00:00Z');
    expect(await server.database.db.selectFrom('bookings').select('id').where('id', '=', attended.booking.id).execute()).toEqual([]);
    expect(await report(both)).toEqual(counted);
  });
});
