import { beforeEach, describe, expect, it } from 'vitest';
import { staffActorOf } from '../../../src/server/actor';
import { ConversationRepository } from '../../../src/server/conversations/repository';
import { ConversationService } from '../../../src/server/conversations/service';
import { RetentionJob } from '../../../src/server/retention/job';
import { RetentionRepository } from '../../../src/server/retention/repository';
import type { Report, ReportTable } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { parseCsv } from '../../support/csv';
import { databaseTargets } from '../../support/databases';

const DAY = '2026-01-14';
const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', RETENTION_DAYS: '30', REPORT_MIN_GROUP: '2' };

function table(report: Report, figure: ReportTable['figure']): ReportTable {
  return report.tables.find((candidate) => candidate.figure === figure)!;
}

function summary(report: Report): Record<string, unknown> {
  return Object.fromEntries(table(report, 'summary').rows.map(([label, value]) => [label, value]));
}

describe.each(databaseTargets)('reports on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z');
  });

  async function get(path: string, cookie: string) {
    return server.app.server.inject({ method: 'GET', url: path, headers: { cookie } });
  }

  async function report(cookie: string, query = `from=${DAY}&to=${DAY}`): Promise<Report> {
    const response = await get(`/api/reports?${query}`, cookie);
    expect(response.statusCode).toBe(200);
    return response.json<Report>();
  }

  /** A conversation a consultant takes after `waitSeconds` and closes as answered. */
  async function served(consultant: Awaited<ReturnType<typeof signedInStaff>>, waitSeconds: number, language: 'en' | 'uk' = 'en') {
    const { token } = await startConversation(server, { language });
    const { id } = await server.app.conversations.findByToken(token);
    server.clock.advance(waitSeconds * 1000);
    const actor = staffActorOf(consultant.user);
    await server.app.conversations.take(actor, id);
    server.clock.advance(60_000);
    await server.app.conversations.close(server.app.desk, actor, id, 'work', 'answered');
    return token;
  }

  it('counts each conversation with the event that ends it, and keeps the counts when retention deletes the conversations', async () => {
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    const before = summary(await report(supervisor.cookie));

    await served(consultant, 30);
    const { token } = await startConversation(server);
    server.clock.advance(90_000);
    await server.app.conversations.endByVisitor((await server.app.conversations.findByToken(token)).id);

    const counted = summary(await report(supervisor.cookie));
    expect(Number(counted.conversations_started) - Number(before.conversations_started)).toBe(2);
    expect(Number(counted.served) - Number(before.served)).toBe(1);
    expect(Number(counted.given_up) - Number(before.given_up)).toBe(1);
    // Demand by weekday and hour, beside the office hours: both started on Wednesday at 12:00 in Warsaw.
    const heat = table(await report(supervisor.cookie), 'heatmap');
    expect(heat.columns.at(-1)).toBe('office_hours');
    const wednesday = heat.rows.find((row) => row[0] === 3)!;
    expect(wednesday.at(-1)).toBe('11:00-14:00');
    expect(Number(wednesday[heat.columns.indexOf('h12')])).toBeGreaterThanOrEqual(2);
    expect(heat.rows.find((row) => row[0] === 6)!.at(-1)).toBeNull();

    server.clock.set('2026-06-01T10:00:00Z');
    const job = new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log);
    expect((await job.runOnce()).conversations).toBeGreaterThanOrEqual(2);
    const later = await signedInStaff(server, { role: 'supervisor' });
    expect(summary(await report(later.cookie))).toEqual(counted);
  });

  it('counts a conversation that left the queue while its visitor was away and was rejoined once, by how it finally ended', async () => {
    server.clock.set('2026-01-21T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    const query = 'from=2026-01-21&to=2026-01-21';
    const before = summary(await report(supervisor.cookie, query));
    const { token } = await startConversation(server);
    const { id } = await server.app.conversations.findByToken(token);
    server.clock.advance(600_000);
    expect(await server.app.conversations.endUnattended(id, 'waiting', 'visitor_absent')).toBe(true);
    expect(Number(summary(await report(supervisor.cookie, query)).given_up) - Number(before.given_up)).toBe(1);

    server.clock.advance(60_000);
    await server.app.conversations.rejoinQueue(server.app.desk, id);
    const rejoined = summary(await report(supervisor.cookie, query));
    expect(Number(rejoined.given_up) - Number(before.given_up)).toBe(0);
    expect(Number(rejoined.conversations_started) - Number(before.conversations_started)).toBe(1);

    server.clock.advance(30_000);
    const actor = staffActorOf(consultant.user);
    await server.app.conversations.take(actor, id);
    await server.app.conversations.close(server.app.desk, actor, id, 'work', 'answered');
    const ended = await report(supervisor.cookie, query);
    const after = summary(ended);
    expect(Number(after.conversations_started) - Number(before.conversations_started)).toBe(1);
    expect(Number(after.served) - Number(before.served)).toBe(1);
    expect(Number(after.given_up) - Number(before.given_up)).toBe(0);
    // The first closing's wait is taken back from its bucket too: only the served wait remains.
    const waits = table(ended, 'wait_buckets').rows;
    expect(waits.reduce((sum, row) => sum + Number(row[3]), 0)).toBe(0);
    // The rebuild from the live tables, which only see the final state, agrees.
    await server.app.reports.rebuild(server.app.desk.id, '2026-01-21', '2026-01-21');
    expect(await report(supervisor.cookie, query)).toEqual(ended);
  });

  it('counts a visit while closed once per browser and office day, and what the visitor did next, once each', async () => {
    server.clock.set('2026-01-28T18:00:00Z'); // a Wednesday, 19:00 in Warsaw: closed for the day
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const visit = (payload: object) => server.app.server.inject({ method: 'POST', url: '/api/reports/closed-visit', payload });
    const first = await visit({ language: 'uk' });
    expect(first.json()).toEqual({ day: '2026-01-28', counted: true });
    // The same browser reloads the page: it names the day it was counted for.
    expect((await visit({ language: 'uk', counted: '2026-01-28' })).json()).toEqual({ day: '2026-01-28', counted: false });
    // Another browser, and one counted yesterday, count.
    expect((await visit({ language: 'en' })).json()).toMatchObject({ counted: true });
    expect((await visit({ language: 'en', counted: '2026-01-27' })).json()).toMatchObject({ counted: true });
    expect((await visit({ language: 'xx' })).statusCode).toBe(400);
    expect((await visit({ language: 'de' })).json()).toMatchObject({ code: 'validation_failed' });
    expect((await visit({ language: 'en', counted: 'yesterday' })).statusCode).toBe(400);

    await server.app.inbox.leave(server.app.desk, { language: 'uk', topic: 'work', body: 'Питання про карту побуту', email: null, closedVisit: true });
    const [slot] = await server.app.bookings.freeSlots(server.app.desk, 'en');
    await server.app.bookings.book(server.app.desk, {
      language: 'en',
      topic: 'work',
      callKind: 'voice',
      startsAt: slot!.startsAt,
      email: 'visitor@example.org',
      timeZone: 'Europe/Warsaw',
      privacyAccepted: true,
      closedVisit: true,
    }, 'test-client');
    // A message left without the claim (no counted visit before it) is no next step.
    await server.app.inbox.leave(server.app.desk, { language: 'en', topic: 'work', body: 'A question', email: null });

    // While the desk is open, the page counts nothing.
    server.clock.set('2026-01-28T11:00:00Z');
    expect((await visit({ language: 'en' })).json()).toEqual({ day: '2026-01-28', counted: false });

    const query = 'from=2026-01-28&to=2026-01-28';
    const shown = await report(supervisor.cookie, query);
    expect(table(shown, 'closed_visits')).toEqual({
      figure: 'closed_visits',
      columns: ['day', 'visits', 'left_message', 'booked', 'nothing'],
      rows: [['2026-01-28', 3, 1, 1, 1]],
    });
    expect(summary(shown)).toMatchObject({ closed_visits: 3, closed_visits_left_message: 1, closed_visits_booked: 1 });
    expect(table(await report(supervisor.cookie, `${query}&groupBy=language`), 'closed_visits').rows).toEqual([
      ['en', 2, 0, 1, 1],
      ['uk', 1, 1, 0, 0],
    ]);
    // They are not conversations: the by-group table holds only the two messages left.
    expect(table(shown, 'by_group').rows).toEqual([['2026-01-28', 0, 0, 0, 0, null, null, 2, 0]]);

    const csv = await get(`/api/reports/csv/closed_visits?${query}`, supervisor.cookie);
    expect(parseCsv(csv.body)).toEqual([
      ['day', 'visits', 'left_message', 'booked', 'nothing'],
      ['2026-01-28', '3', '1', '1', '1'],
    ]);
    // The rebuild leaves them: no live table holds them.
    await server.app.reports.rebuild(server.app.desk.id, '2026-01-28', '2026-01-28');
    expect(table(await report(supervisor.cookie, query), 'closed_visits').rows).toEqual([['2026-01-28', 3, 1, 1, 1]]);
  });

  it('writes no conversation when its counter cannot be written: both share one transaction', async () => {
    const refusing = {
      recordInTransaction: () => Promise.reject(new Error('the aggregate store refuses')),
      record: () => Promise.resolve(),
    };
    const conversations = new ConversationService(
      new ConversationRepository(server.database),
      server.bus,
      server.clock,
      server.app.schedule,
      server.app.topics,
      server.app.audit,
      server.app.staff,
      refusing,
    );
    const count = async () => Number((await server.database.db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const conversationsBefore = await count();
    await expect(conversations.start(server.app.desk, { language: 'en', topic: 'work', privacyAccepted: true })).rejects.toThrow('refuses');
    expect(await count()).toBe(conversationsBefore);
  });

  it('rebuilds the counters of a period from the live tables to the same figures', async () => {
    server.clock.set('2026-02-11T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    await served(consultant, 200, 'uk');
    await served(consultant, 20, 'uk');
    const query = 'from=2026-02-11&to=2026-02-11&groupBy=language';
    const live = await report(supervisor.cookie, query);
    await server.database.db.deleteFrom('report_counts').where('day', '=', '2026-02-11').execute();
    expect(summary(await report(supervisor.cookie, query)).served).toBe(0);

    await server.app.reports.rebuild(server.app.desk.id, '2026-02-11', '2026-02-11');
    expect(await report(supervisor.cookie, query)).toEqual(live);
    expect(table(live, 'by_group').rows).toEqual([['uk', 2, 2, 0, 0, expect.any(Number), expect.any(Number), 0, 0]]);
  });

  it('rebuilds only the days retention has not emptied, so the counters it left as the only record stay as they were', async () => {
    server.clock.set('2026-02-18T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    await served(consultant, 40, 'uk');
    await served(consultant, 15, 'en');
    const query = 'from=2026-02-18&to=2026-02-18&groupBy=language';
    const counted = await report(supervisor.cookie, query);
    expect(summary(counted)).toMatchObject({ conversations_started: 2, served: 2 });

    // RETENTION_DAYS=30: on 1 April the cutoff is 2 March 10:00; the conversations of 18 February go.
    server.clock.set('2026-04-01T10:00:00Z');
    const job = new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log);
    expect((await job.runOnce()).conversations).toBeGreaterThanOrEqual(2);
    const later = await signedInStaff(server, { role: 'supervisor' });

    // A period wholly before the cutoff is refused, with the reason.
    const refused = server.app.reports.rebuild(server.app.desk.id, '2026-02-18', '2026-02-18');
    await expect(refused).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(refused).rejects.toThrow('RETENTION_DAYS=30');
    // One reaching past it is recounted from the first whole day after the cutoff's.
    expect(await server.app.reports.rebuild(server.app.desk.id, '2026-02-01', '2026-03-31')).toMatchObject({ from: '2026-03-03', to: '2026-03-31', keptBefore: '2026-03-03' });
    expect(await report(later.cookie, query)).toEqual(counted);
  });

  it('files a rating under the language the visitor speaks, as their conversation is counted', async () => {
    server.clock.set('2026-03-18T10:00:00Z');
    const consultant = await signedInStaff(server, { languages: ['ru'] });
    const { token } = await startConversation(server, { language: 'ru', spokenLanguage: 'uz' });
    const { id } = await server.app.conversations.findByToken(token);
    const actor = staffActorOf(consultant.user);
    await server.app.conversations.take(actor, id);
    await server.app.conversations.close(server.app.desk, actor, id, 'work', 'answered');
    const rated = await server.app.server.inject({
      method: 'POST',
      url: '/api/satisfaction/conversation',
      headers: { authorization: `Bearer ${token}` },
      payload: { rating: 5, comment: 'Rahmat' },
    });
    expect(rated.statusCode).toBe(204);
    const languages = await server.database.db
      .selectFrom('report_counts')
      .select(['measure', 'language'])
      .where('day', '=', '2026-03-18')
      .where('measure', 'in', ['conversation_started', 'satisfaction'])
      .orderBy('measure')
      .execute();
    expect(languages).toEqual([
      { measure: 'conversation_started', language: 'uz' },
      { measure: 'satisfaction', language: 'uz' },
    ]);
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const comments = await get('/api/satisfaction/comments?from=2026-03-18&to=2026-03-18', supervisor.cookie);
    expect(comments.json()).toEqual({ comments: [{ day: '2026-03-18', language: 'uz', channel: 'text', rating: 5, comment: 'Rahmat' }] });
  });

  it('takes one rating per ended conversation, shows supervisors the distribution and the comment, and consultants nothing', async () => {
    server.clock.set('2026-03-11T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    const rate = (token: string, payload: object) =>
      server.app.server.inject({ method: 'POST', url: '/api/satisfaction/conversation', headers: { authorization: `Bearer ${token}` }, payload });

    const open = await startConversation(server, { language: 'uk' });
    expect((await rate(open.token, { rating: 5 })).json()).toMatchObject({ code: 'satisfaction_not_yet' });
    await server.app.conversations.endByVisitor((await server.app.conversations.findByToken(open.token)).id);

    const token = await served(consultant, 10, 'uk');
    expect((await rate(token, { rating: 6 })).statusCode).toBe(400);
    expect((await rate(token, { rating: 4, comment: '  Дуже допомогли, дякую!  ' })).statusCode).toBe(204);
    expect((await rate(token, { rating: 1 })).json()).toMatchObject({ code: 'satisfaction_already_given' });

    const query = 'from=2026-03-11&to=2026-03-11';
    const rated = await report(supervisor.cookie, query);
    expect(table(rated, 'satisfaction').rows).toEqual([[5, 0], [4, 1], [3, 0], [2, 0], [1, 0]]);
    expect(summary(rated)).toMatchObject({ satisfaction_average: 4, satisfaction_responses: 1 });
    const comments = await get(`/api/satisfaction/comments?${query}`, supervisor.cookie);
    expect(comments.json()).toEqual({ comments: [{ day: '2026-03-11', language: 'uk', channel: 'text', rating: 4, comment: 'Дуже допомогли, дякую!' }] });

    expect((await get(`/api/reports?${query}`, consultant.cookie)).statusCode).toBe(403);
    expect((await get(`/api/satisfaction/comments?${query}`, consultant.cookie)).statusCode).toBe(403);
    expect((await get(`/api/reports/csv/per_consultant?${query}`, consultant.cookie)).statusCode).toBe(403);
  });

  it('exports CSV with a byte-order mark, no formula a spreadsheet would run, and small groups blanked', async () => {
    server.clock.set('2026-04-15T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const regular = await signedInStaff(server, { name: 'Łucja Żółć, "senior"' });
    const hostile = await signedInStaff(server, { name: '=HYPERLINK("http://evil.example","x")' });
    await served(regular, 10);
    await served(regular, 10);
    await served(hostile, 10);

    const response = await get('/api/reports/csv/per_consultant?from=2026-04-15&to=2026-04-15', supervisor.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual(['staff', 'served', 'first_response_p50_seconds', 'handling_p50_seconds', 'satisfaction_average', 'satisfaction_responses']);
    const byName = new Map(rows.map((row) => [row[0], row]));
    expect(byName.get('Łucja Żółć, "senior"')?.[1]).toBe('2');
    // One conversation is fewer than REPORT_MIN_GROUP=2: the name stays (defused), the figures go.
    expect(byName.get(`'=HYPERLINK("http://evil.example","x")`)).toEqual([`'=HYPERLINK("http://evil.example","x")`, '', '', '', '', '']);

    // The screen itself shows supervisors every row.
    const onScreen = table(await report(supervisor.cookie, 'from=2026-04-15&to=2026-04-15'), 'per_consultant');
    expect(onScreen.rows.find((row) => row[0] === hostile.user.name)?.[1]).toBe(1);
  });

  it('blanks a single rating’s figures in the CSV and the printable summary, though its consultant served enough people', async () => {
    server.clock.set('2026-04-22T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server, { name: 'Ola Rated-Once' });
    const rated = await served(consultant, 10);
    await served(consultant, 10);
    const rate = await server.app.server.inject({ method: 'POST', url: '/api/satisfaction/conversation', headers: { authorization: `Bearer ${rated}` }, payload: { rating: 1 } });
    expect(rate.statusCode).toBe(204);
    const period = 'from=2026-04-22&to=2026-04-22';

    const [header, ...rows] = parseCsv((await get(`/api/reports/csv/per_consultant?${period}`, supervisor.cookie)).body);
    const row = rows.find((cells) => cells[0] === 'Ola Rated-Once')!;
    expect(row[header!.indexOf('served')]).toBe('2');
    expect(row[header!.indexOf('satisfaction_average')]).toBe('');
    expect(row[header!.indexOf('satisfaction_responses')]).toBe('');

    // The printable summary asks with suppress=1: served stays, the one rating's average goes.
    const printable = summary(await report(supervisor.cookie, `${period}&suppress=1`));
    expect(printable).toMatchObject({ served: 2, satisfaction_average: null, satisfaction_responses: null });
    // The screen shows supervisors the figures themselves.
    expect(summary(await report(supervisor.cookie, period))).toMatchObject({ satisfaction_average: 1, satisfaction_responses: 1 });
  });

  it('refuses an unknown figure and a period that ends before it starts', async () => {
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    expect((await get(`/api/reports/csv/nothing?from=${DAY}&to=${DAY}`, supervisor.cookie)).statusCode).toBe(404);
    expect((await get('/api/reports?from=2026-02-01&to=2026-01-01', supervisor.cookie)).json()).toMatchObject({ code: 'validation_failed' });
  });

  it('counts left messages received and answered, with the answer time in working hours, and takes a rating of the answer', async () => {
    server.clock.set('2026-06-17T09:00:00Z'); // a Wednesday, 11:00 in Warsaw
    const consultant = await signedInStaff(server, { languages: ['ru', 'pl'] });
    const receipt = await server.app.inbox.leave(server.app.desk, { language: 'ru', topic: 'work', body: 'Вопрос о визе', email: 'visitor@example.org' });
    const rate = (rating: number) =>
      server.app.server.inject({ method: 'POST', url: '/api/satisfaction/left-message', headers: { authorization: `Bearer ${receipt.token}` }, payload: { rating } });
    expect((await rate(3)).json()).toMatchObject({ code: 'satisfaction_not_yet' });

    server.clock.advance(2 * 3600_000);
    const left = await server.app.inbox.forVisitor(receipt.token);
    await server.app.inbox.answer(server.app.desk, consultant.user, left.id, 'Ответ на вопрос о визе.');
    expect((await rate(3)).statusCode).toBe(204);

    // Signed in after the two hours: a session unused that long is over (STAFF_SESSION_IDLE_MINUTES).
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const figures = summary(await report(supervisor.cookie, 'from=2026-06-17&to=2026-06-17'));
    expect(figures).toMatchObject({ left_messages_received: 1, left_messages_answered: 1, satisfaction_responses: 1, satisfaction_average: 3 });
    // Two hours of office time: the median lies in the bucket from two to four hours.
    expect(figures.left_message_answer_p50_seconds).toBeGreaterThanOrEqual(7200);
    expect(figures.left_message_answer_p50_seconds).toBeLessThan(14_400);

    // Retention deletes the message a month after its answer; its counts and its rating stay.
    server.clock.set('2026-08-03T09:00:00Z');
    const job = new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 0 }, server.app.server.log);
    expect((await job.runOnce()).leftMessages).toBeGreaterThanOrEqual(1);
    expect(await server.database.db.selectFrom('left_messages').select('id').where('id', '=', left.id).execute()).toEqual([]);
    const later = await signedInStaff(server, { role: 'supervisor' });
    const kept = await report(later.cookie, 'from=2026-06-17&to=2026-06-17');
    expect(summary(kept)).toEqual(figures);
    expect(table(kept, 'satisfaction').rows).toEqual([[5, 0], [4, 0], [3, 1], [2, 0], [1, 0]]);
  });

  it('shows today’s live figures: waiting now, the longest wait, served and given up today', async () => {
    server.clock.set('2026-05-13T10:00:00Z');
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const consultant = await signedInStaff(server);
    await served(consultant, 5);
    await startConversation(server);
    server.clock.advance(120_000);
    await startConversation(server);
    server.clock.advance(30_000);
    expect((await get('/api/reports/live', supervisor.cookie)).json()).toEqual({ waitingNow: 2, longestWaitSeconds: 150, servedToday: 1, givenUpToday: 0 });
  });
});
