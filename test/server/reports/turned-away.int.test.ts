/**
 * Visitors turned away at closing, as the closing service really ends them (src/server/closing):
 * one still waiting when the desk closes (`ended_at_closing`), one who turned the conversation into
 * a left message (`left_message_at_closing`), and a start refused in the last-entry minutes. The
 * report counts each exactly once, and the rebuild from the live tables agrees.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportTable } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, startConversation } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { ROUTING_TEST_ENV } from '../routing/support';

/** As test/server/closing: open 08:00–16:00 in Warsaw (closes 15:00 UTC in January), last entry ten minutes before. */
const HOURS = { ...ROUTING_TEST_ENV, ROUTING_MODE: 'manual', OFFICE_HOURS: 'mon-fri 08:00-16:00', LAST_ENTRY_MINUTES: '10' };
const DAY = '2026-01-14';

function table(report: Report, figure: ReportTable['figure']): ReportTable {
  return report.tables.find((candidate) => candidate.figure === figure)!;
}

function summary(report: Report): Record<string, unknown> {
  return Object.fromEntries(table(report, 'summary').rows.map(([label, value]) => [label, value]));
}

describe.each(databaseTargets)('visitors turned away at closing in the reports on $engine', (target) => {
  const suiteServer = serverForSuite(target, HOURS);

  beforeAll(async () => {
    // Visitors without a socket here stay in the queue for the whole afternoon (src/server/inactivity).
    const server = suiteServer();
    server.clock.set(`${DAY}T13:00:00Z`);
    const admin = await signedInStaff(server, { role: 'admin' });
    await server.app.server.inject({ method: 'PUT', url: '/api/admin/inactivity', headers: { cookie: admin.cookie }, payload: { absentSeconds: 7200 } });
  });

  it('counts a conversation ended at closing and one turned into a left message as turned away, and a start in the last-entry minutes as refused, once each', async () => {
    const server = suiteServer();
    server.clock.set(`${DAY}T14:00:00Z`);
    const stillWaiting = await startConversation(server, { language: 'en' });
    const leaving = await startConversation(server, { language: 'uk' });

    server.clock.set(`${DAY}T14:30:00Z`);
    const left = await server.app.server.inject({
      method: 'POST',
      url: '/api/conversations/current/left-message',
      headers: { authorization: `Bearer ${leaving.token}` },
      payload: { body: 'Моя карта побуту закінчується. Що робити?', consent: true },
    });
    expect(left.statusCode).toBe(201);

    // 14:52 UTC, 15:52 in Warsaw: inside the last ten minutes, no new conversation.
    server.clock.set(`${DAY}T14:52:00Z`);
    const refused = await server.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic: 'work', privacyAccepted: true } });
    expect(refused.json()).toMatchObject({ code: 'service_closed' });

    server.clock.set(`${DAY}T15:00:30Z`);
    await server.app.closing.sweep();
    await server.app.closing.sweep();
    const ids = await Promise.all([stillWaiting, leaving].map(async ({ token }) => (await server.app.conversations.findByToken(token)).id));
    expect(await Promise.all(ids.map(async (id) => (await server.app.conversations.findById(id)).outcome))).toEqual(['ended_at_closing', 'left_message_at_closing']);

    // Signed in now: a session from 14:00 would have ended after STAFF_SESSION_IDLE_MINUTES.
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    const query = `from=${DAY}&to=${DAY}`;
    const get = async () => {
      const response = await server.app.server.inject({ method: 'GET', url: `/api/reports?${query}`, headers: { cookie: supervisor.cookie } });
      expect(response.statusCode).toBe(200);
      return response.json<Report>();
    };
    const counted = await get();
    expect(summary(counted)).toMatchObject({
      conversations_started: 2,
      served: 0,
      given_up: 0,
      turned_away: 2,
      start_refused: 1,
      start_refused_last_entry: 1,
      left_messages_received: 1,
    });
    expect(table(counted, 'by_group').rows).toEqual([[DAY, 2, 0, 0, 2, null, null, 1, 0]]);

    // The live tables say the same; the refused start exists only as a counter and stays.
    await server.app.reports.rebuild(server.app.desk.id, DAY, DAY);
    expect(await get()).toEqual(counted);
  });
});
