import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectVisitor, signedInStaff, startConversation, twoInstancesForSuite } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { until } from '../../support/deadline';
import { connectedConsultant, ROUTING_TEST_ENV } from '../routing/support';

/**
 * Open 08:00–16:00 in Warsaw (UTC+1 in January): it closes at 15:00 UTC and opens again at 07:00
 * UTC. Consultants take from the queue themselves: no offers racing between the two instances,
 * which on one SQLite file in one process would wait on each other's transactions.
 */
const HOURS = { ...ROUTING_TEST_ENV, ROUTING_MODE: 'manual', OFFICE_HOURS: 'mon-fri 08:00-16:00', LAST_ENTRY_MINUTES: '10' };
const WEDNESDAY_AFTERNOON = '2026-01-14T14:00:00Z';
const CLOSES_AT = '2026-01-14T15:00:00Z';
const OPENS_AGAIN = '2026-01-15T07:00:00Z';

describe.each(databaseTargets)('waiting visitors at closing on $engine, two instances', (target) => {
  const instances = twoInstancesForSuite(target, HOURS);

  beforeAll(async () => {
    // Visitors without a socket here stay in the queue for the whole afternoon (src/server/inactivity).
    const [first] = instances();
    const admin = await signedInStaff(first, { role: 'admin' });
    await first.app.server.inject({ method: 'PUT', url: '/api/admin/inactivity', headers: { cookie: admin.cookie }, payload: { absentSeconds: 7200 } });
  });

  beforeEach(() => setClocks(WEDNESDAY_AFTERNOON));

  function setClocks(iso: string): void {
    for (const instance of instances()) instance.clock.set(iso);
  }

  /** At the same moment on PostgreSQL; in turn on SQLite (see the inactivity tests for why). */
  async function sweepBoth(): Promise<void> {
    const sweeps = instances().map((instance) => () => instance.app.closing.sweep());
    if (target.engine === 'postgres') await Promise.all(sweeps.map((sweep) => sweep()));
    else for (const sweep of sweeps) await sweep();
  }

  async function notices(id: string, event: string): Promise<{ body: string }[]> {
    return (await instances()[0].app.conversations.messagesAfter(id, 0)).filter((message) => message.event === event);
  }

  async function started() {
    const [first] = instances();
    const { token } = await startConversation(first, { language: 'en' });
    return { token, id: (await first.app.conversations.findByToken(token)).id };
  }

  it('offers a left message or a booking exactly once when, two minutes on, nobody on duty can take the conversation', async () => {
    const [, second] = instances();
    const waiting = await started();
    const visitor = await connectVisitor(second, waiting.token);
    setClocks('2026-01-14T14:01:59Z');
    await sweepBoth();
    expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(0);
    setClocks('2026-01-14T14:02:00Z');
    await sweepBoth();
    await sweepBoth();
    expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(1);
    await visitor.socket.next('message', (f) => f.message.event === 'nobody_on_duty');
    expect(await instances()[0].app.conversations.findById(waiting.id)).toMatchObject({ status: 'waiting' });
    visitor.socket.close();
  });

  it.each(['sets away', 'disconnects'] as const)(
    'offers a left message or a booking exactly once when the last consultant on duty %s with a queue: two minutes on, not at once (a reloading console is back by then)',
    async (leaving) => {
      const [first] = instances();
      const consultant = await connectedConsultant(first, { languages: ['en'] });
      const waiting = await started();
      const visitor = await connectVisitor(instances()[1], waiting.token);
      setClocks('2026-01-14T14:05:00Z');
      await first.app.routing.refresh(); // the consultant's connection is still there at the new time
      await sweepBoth();
      expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(0);

      if (leaving === 'sets away') {
        consultant.socket.send({ type: 'staff.availability', availability: 'away' });
        await consultant.socket.next('staff.presence', (f) => f.staff.id === consultant.id && f.staff.availability === 'away');
      } else {
        consultant.socket.close();
        await until('the consultant to be off duty', async () => (await first.app.routing.languagesOnDuty()).length === 0);
      }
      await sweepBoth();
      setClocks('2026-01-14T14:06:59Z');
      await sweepBoth();
      expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(0);
      setClocks('2026-01-14T14:07:00Z');
      await sweepBoth();
      await sweepBoth();
      expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(1);
      await visitor.socket.next('message', (f) => f.message.event === 'nobody_on_duty');
      expect(await first.app.conversations.findById(waiting.id)).toMatchObject({ status: 'waiting' });
      visitor.socket.close();
      consultant.socket.close();
    },
  );

  it('tells waiting visitors a few minutes before closing, once, then ends the conversations nobody took with the next opening time', async () => {
    const [first] = instances();
    const consultant = await connectedConsultant(first, { languages: ['en'] });
    const waiting = await started();
    await sweepBoth();
    expect(await notices(waiting.id, 'desk_closing')).toHaveLength(0);
    expect(await notices(waiting.id, 'nobody_on_duty')).toHaveLength(0);

    setClocks('2026-01-14T14:51:00Z');
    await first.app.routing.refresh(); // the consultant's connection is still there at the new time
    await sweepBoth();
    await sweepBoth();
    expect(await notices(waiting.id, 'desk_closing')).toEqual([expect.objectContaining({ body: CLOSES_AT })]);

    setClocks('2026-01-14T15:00:30Z');
    await sweepBoth();
    await sweepBoth();
    expect(await notices(waiting.id, 'ended_at_closing')).toEqual([expect.objectContaining({ body: OPENS_AGAIN })]);
    expect(await first.app.conversations.findById(waiting.id)).toMatchObject({ status: 'closed', outcome: 'ended_at_closing' });
    await consultant.socket.next('conversation.updated', (f) => f.conversation.id === waiting.id && f.conversation.status === 'closed');
    consultant.socket.close();
  });

  it('turns a waiting conversation into a left message — what the visitor confirmed is kept, no e-mail needed — and ends it, once', async () => {
    const [first, second] = instances();
    const waiting = await started();
    const leave = (payload: object) =>
      second.app.server.inject({ method: 'POST', url: '/api/conversations/current/left-message', headers: { authorization: `Bearer ${waiting.token}` }, payload });

    const refused = await leave({ body: 'My residence card', consent: false });
    expect(refused.statusCode).toBe(400);
    const answer = await leave({ body: 'My residence card expires next week. What do I need?', consent: true });
    expect(answer.statusCode).toBe(201);
    const { reference, token } = answer.json();
    expect(reference).toMatch(/^EK-/);

    const left = await first.app.inbox.forVisitor(token);
    expect(left).toMatchObject({ body: 'My residence card expires next week. What do I need?', language: 'en', topic: 'work', status: 'new' });
    expect(await first.app.conversations.findById(waiting.id)).toMatchObject({ status: 'closed', outcome: 'left_message_at_closing' });
    expect(await notices(waiting.id, 'left_message_at_closing')).toHaveLength(1);

    const again = await leave({ body: 'Once more', consent: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conversation_closed');
  });
});
