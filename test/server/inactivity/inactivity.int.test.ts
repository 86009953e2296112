import { describe, expect, it } from 'vitest';
import { connectVisitor, signedInStaff, startConversation, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';
import { ROUTING_TEST_ENV } from '../routing/support';
import { until } from '../../support/deadline';

const SETTINGS = { warningSeconds: 600, endSeconds: 120, absentSeconds: 300 };

describe.each(databaseTargets)('idle and abandoned conversations on $engine, two instances', (target) => {
  const instances = twoInstancesForSuite(target, ROUTING_TEST_ENV);

  /** Time passes alike on both instances. */
  function advance(seconds: number): void {
    for (const instance of instances()) instance.clock.advance(seconds * 1000);
  }

  /**
   * Both instances sweep: at the same moment on PostgreSQL. SQLite's two connections in one
   * process would block each other synchronously (better-sqlite3 waits on the lock inside the
   * call), and one SQLite file is served by one process anyway, so there they sweep in turn.
   */
  async function sweepBoth(): Promise<void> {
    const sweeps = instances().map((instance) => () => instance.app.inactivity.sweep());
    if (target.engine === 'postgres') await Promise.all(sweeps.map((sweep) => sweep()));
    else for (const sweep of sweeps) await sweep();
  }

  async function events(id: string, event: string): Promise<number> {
    const [first] = instances();
    return (await first.app.conversations.messagesAfter(id, 0)).filter((message) => message.event === event).length;
  }

  async function gone(instance: TestServer, conversationId: string): Promise<void> {
    await until('the visitor socket to close on the server', () => !instance.app.hub.localVisitorConversations().includes(conversationId));
  }

  it('an admin sets the thresholds on one instance, the other applies them; out-of-range values are refused', async () => {
    const [first, second] = instances();
    const admin = await signedInStaff(first, { role: 'admin' });
    const saved = await first.app.server.inject({ method: 'PUT', url: '/api/admin/inactivity', headers: { cookie: admin.cookie }, payload: SETTINGS });
    expect(saved.json()).toEqual(SETTINGS);
    const refused = await first.app.server.inject({ method: 'PUT', url: '/api/admin/inactivity', headers: { cookie: admin.cookie }, payload: { endSeconds: 5 } });
    expect(refused.statusCode).toBe(400);
    expect(await second.app.inactivity.settings(second.app.desk.id)).toEqual(SETTINGS);
    const consultant = await signedInStaff(first);
    const forbidden = await first.app.server.inject({ method: 'GET', url: '/api/admin/inactivity', headers: { cookie: consultant.cookie } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('asks a quiet visitor "are you still there?" exactly once, then ends the conversation exactly once as visitor_inactive, freeing the consultant', async () => {
    const [first] = instances();
    const live = await liveConversation(first);
    advance(SETTINGS.warningSeconds - 1);
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(0);

    advance(1);
    await sweepBoth();
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(1);
    await live.visitor.next('message', (f) => f.message.event === 'visitor_idle_warning');

    advance(SETTINGS.endSeconds);
    await sweepBoth();
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_inactive')).toBe(1);
    expect(await first.app.conversations.findById(live.conversationId)).toMatchObject({ status: 'closed', outcome: 'visitor_inactive' });
    await live.visitor.next('visitor.conversation.updated', (f) => f.conversation.status === 'closed');
    await live.consultant.next('conversation.updated', (f) => f.conversation.id === live.conversationId && f.conversation.status === 'closed');
    live.visitor.close();
    live.consultant.close();
  });

  it('a visitor who answers the question keeps the conversation; a later quiet spell is asked about anew', async () => {
    const [first] = instances();
    const live = await liveConversation(first);
    advance(SETTINGS.warningSeconds);
    await sweepBoth();
    await live.visitor.next('message', (f) => f.message.event === 'visitor_idle_warning');

    advance(SETTINGS.endSeconds - 10);
    live.visitor.send({ type: 'message.send', clientId: crypto.randomUUID(), body: 'Yes, still here' });
    await live.visitor.next('ack');
    advance(SETTINGS.endSeconds);
    await sweepBoth();
    expect(await first.app.conversations.findById(live.conversationId)).toMatchObject({ status: 'active' });
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(1);

    advance(SETTINGS.warningSeconds);
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(2);
    live.visitor.close();
    live.consultant.close();
  });

  it('the consultant writing does not keep a silent visitor there: asked and ended as visitor_inactive, timed from when the conversation was taken', async () => {
    const [first] = instances();
    const live = await liveConversation(first);
    const consultantWrites = async (body: string) => {
      live.consultant.send({ type: 'message.send', conversationId: live.conversationId, clientId: crypto.randomUUID(), body });
      await live.consultant.next('ack');
    };
    advance(SETTINGS.warningSeconds - 60);
    await consultantWrites('Are you there? I have found the form you need.');
    advance(60);
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(1);

    advance(SETTINGS.endSeconds - 10);
    await consultantWrites('I will wait a little longer.');
    advance(10);
    await sweepBoth();
    await sweepBoth();
    expect(await events(live.conversationId, 'visitor_idle_warning')).toBe(1);
    expect(await first.app.conversations.findById(live.conversationId)).toMatchObject({ status: 'closed', outcome: 'visitor_inactive' });
    await live.visitor.next('visitor.conversation.updated', (f) => f.conversation.status === 'closed');
    live.visitor.close();
    live.consultant.close();
  });

  it('a waiting conversation whose visitor has had no connection leaves the queue exactly once; back, the visitor may rejoin at the back', async () => {
    const [first, second] = instances();
    const absent = await startConversation(first, { language: 'en' });
    const visitor = await connectVisitor(first, absent.token);
    const absentId = (await first.app.conversations.findByToken(absent.token)).id;
    advance(1);
    const staying = await startConversation(first, { language: 'en' });
    const stayingId = (await first.app.conversations.findByToken(staying.token)).id;
    const stayingVisitor = await connectVisitor(second, staying.token);

    advance(60);
    await sweepBoth();
    visitor.socket.close();
    await gone(first, absentId);
    advance(SETTINGS.absentSeconds - 1);
    await sweepBoth();
    expect(await first.app.conversations.findById(absentId)).toMatchObject({ status: 'waiting' });

    advance(1);
    await sweepBoth();
    await sweepBoth();
    expect(await first.app.conversations.findById(absentId)).toMatchObject({ status: 'closed', outcome: 'visitor_absent' });
    expect(await events(absentId, 'visitor_absent')).toBe(1);
    // Its visitor was connected all along (to the other instance): it stays in the queue.
    expect(await first.app.conversations.findById(stayingId)).toMatchObject({ status: 'waiting' });

    const back = await connectVisitor(second, absent.token);
    expect(back.welcome.conversation).toMatchObject({ status: 'closed', mayRejoin: true });
    back.socket.send({ type: 'visitor.rejoin' });
    await back.socket.next('visitor.conversation.updated', (f) => f.conversation.status === 'waiting');
    expect(await events(absentId, 'rejoined_queue')).toBe(1);
    expect(await first.app.routing.queueStatus(absentId)).toMatchObject({ position: 2 });
    expect(await first.app.routing.queueStatus(stayingId)).toMatchObject({ position: 1 });

    // Rejoining twice is refused: it is waiting already.
    back.socket.send({ type: 'visitor.rejoin' });
    expect((await back.socket.next('error')).code).toBe('conversation_closed');
    back.socket.close();
    stayingVisitor.socket.close();
  });
});
