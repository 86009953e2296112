import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallSignal, ServerFrame } from '../../../src/shared/protocol';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';
import type { TestSocket } from '../../support/ws-client';

const TURN_SECRET = 'a-test-turn-secret-of-some-length';
const TEST_ENV = {
  CONVERSATIONS_PER_MINUTE: '1000',
  LOGINS_PER_MINUTE: '1000',
  MESSAGES_PER_MINUTE: '1000',
  CALL_RING_SECONDS: '30',
  STUN_URLS: 'stun:stun.urzad.example:3478',
  TURN_URLS: 'turn:turn.urzad.example:3478',
  TURN_SECRET,
};

const OFFER: CallSignal = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const ANSWER: CallSignal = { kind: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };

describe.each(databaseTargets)('calls on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function ringingCall(kind: 'voice' | 'video' = 'video') {
    const live = await liveConversation(server);
    live.consultant.send({ type: 'call.start', conversationId: live.conversationId, kind });
    const ice = await live.consultant.next('call.ice');
    const ringing = await live.visitor.next('call.updated', (f) => f.call.state === 'ringing');
    return { ...live, callId: ringing.call.id, ice };
  }

  async function activeCall(kind: 'voice' | 'video' = 'video') {
    const ringing = await ringingCall(kind);
    ringing.visitor.send({ type: 'call.accept', callId: ringing.callId });
    await ringing.visitor.next('call.ice');
    await ringing.consultant.next('call.updated', (f) => f.call.state === 'active');
    await ringing.visitor.next('call.updated', (f) => f.call.state === 'active');
    return ringing;
  }

  const callRecords = (socket: TestSocket) =>
    socket.received.flatMap((f) => (f.type === 'message' && f.message.event === 'call_ended' ? [f.message] : []));
  const signalsIn = (socket: TestSocket) => socket.received.filter((f): f is Extract<ServerFrame, { type: 'call.signal' }> => f.type === 'call.signal');

  it('rings the visitor, connects on answer, relays signalling between the two sides, and records the call with its duration', async () => {
    const { consultant, visitor, staff, callId, ice, conversationId } = await ringingCall('video');
    expect(ice.callId).toBe(callId);
    const ringing = await consultant.next('call.updated', (f) => f.call.state === 'ringing');
    expect(ringing.call).toMatchObject({ conversationId, kind: 'video', startedBy: staff.user.id, members: [{ peer: staff.user.id, role: 'consultant', joined: true }] });

    server.clock.advance(4_000);
    visitor.send({ type: 'call.accept', callId });
    await visitor.next('call.ice', (f) => f.callId === callId);
    const active = await consultant.next('call.updated', (f) => f.call.state === 'active');
    expect(active.call.members.map((m) => m.peer).sort()).toEqual([staff.user.id, 'visitor'].sort());

    consultant.send({ type: 'call.signal', toJoins: 1, callId, to: 'visitor', signal: OFFER });
    expect(await visitor.next('call.signal')).toEqual({ type: 'call.signal', callId, from: staff.user.id, fromJoins: 1, toJoins: 1, signal: OFFER });
    visitor.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: ANSWER });
    expect(await consultant.next('call.signal')).toMatchObject({ from: 'visitor', signal: ANSWER });
    const candidate: CallSignal = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    visitor.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: candidate });
    expect(await consultant.next('call.signal', (f) => f.signal.kind === 'candidate')).toMatchObject({ signal: candidate });

    server.clock.advance(95_000);
    consultant.send({ type: 'call.hangup', callId });
    for (const socket of [consultant, visitor]) {
      const ended = await socket.next('call.updated', (f) => f.call.state === 'ended');
      expect(ended.call).toMatchObject({ outcome: 'answered', endReason: 'hangup' });
      const record = await socket.next('message', (f) => f.message.event === 'call_ended');
      expect(record.message.body).toBe('');
      expect(record.message.call).toMatchObject({ kind: 'video', startedBy: 'staff', startedByName: 'Anna', outcome: 'answered', durationSeconds: 95 });
    }
    // The record is part of the history a reconnecting visitor replays, and of the transcript.
    const history = await server.app.conversations.messagesAfter(conversationId, 0);
    expect(history.filter((m) => m.event === 'call_ended')).toHaveLength(1);
  });

  it('refuses signalling from a staff member outside the call, from another conversation, and for an ended or unknown call', async () => {
    const { consultant, visitor, staff, callId } = await activeCall();
    const colleague = await connectStaff(server, (await signedInStaff(server, { name: 'Ewa' })).cookie);
    const other = await liveConversation(server);

    colleague.socket.send({ type: 'call.signal', toJoins: 1, callId, to: 'visitor', signal: OFFER });
    expect(await colleague.socket.next('error')).toMatchObject({ code: 'not_in_call' });
    // The other conversation's visitor cannot reach this call, even by its id.
    other.visitor.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: OFFER });
    expect(await other.visitor.next('error')).toMatchObject({ code: 'call_not_found' });
    other.consultant.send({ type: 'call.signal', toJoins: 1, callId, to: 'visitor', signal: OFFER });
    expect(await other.consultant.next('error')).toMatchObject({ code: 'not_in_call' });
    // A member may not address someone who is not in the call.
    consultant.send({ type: 'call.signal', toJoins: 1, callId, to: other.staff.user.id, signal: OFFER });
    expect(await consultant.next('error')).toMatchObject({ code: 'not_in_call' });

    consultant.send({ type: 'call.signal', toJoins: 1, callId: randomUUID(), to: 'visitor', signal: OFFER });
    expect(await consultant.next('error')).toMatchObject({ code: 'call_not_found' });
    visitor.send({ type: 'call.hangup', callId });
    await consultant.next('call.updated', (f) => f.call.state === 'ended');
    consultant.send({ type: 'call.signal', toJoins: 1, callId, to: 'visitor', signal: OFFER });
    expect(await consultant.next('error')).toMatchObject({ code: 'call_not_found' });
    visitor.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: ANSWER });
    expect(await visitor.next('error')).toMatchObject({ code: 'call_not_found' });
    // A malformed signal is refused by the schema.
    visitor.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: { kind: 'offer' } } as never);
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });

    expect(signalsIn(visitor)).toEqual([]);
    expect(signalsIn(other.visitor)).toEqual([]);
    expect(signalsIn(consultant)).toEqual([]);
  });

  it('lets the visitor ask for a call but not start one unless the office allows it, and allows one live call per conversation', async () => {
    const { consultant, visitor, conversationId } = await liveConversation(server);
    visitor.send({ type: 'call.start', kind: 'voice' });
    expect(await visitor.next('error')).toMatchObject({ code: 'call_not_allowed' });
    visitor.send({ type: 'call.request' });
    expect((await consultant.next('message', (f) => f.message.event === 'call_requested')).conversationId).toBe(conversationId);
    await visitor.next('message', (f) => f.message.event === 'call_requested');

    consultant.send({ type: 'call.start', conversationId, kind: 'voice' });
    await consultant.next('call.ice');
    consultant.send({ type: 'call.start', conversationId, kind: 'video' });
    expect(await consultant.next('error')).toMatchObject({ code: 'call_in_progress' });
  });

  it('lets the consultant answer a call request with "not now": a line for both sides with their name, refused to the visitor and to staff outside the conversation', async () => {
    const { consultant, visitor, staff, conversationId } = await liveConversation(server);
    visitor.send({ type: 'call.request' });
    await consultant.next('message', (f) => f.message.event === 'call_requested');

    visitor.send({ type: 'call.request.decline', conversationId });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden' });
    const outsider = (await connectStaff(server, (await signedInStaff(server, { name: 'Ewa' })).cookie)).socket;
    outsider.send({ type: 'call.request.decline', conversationId });
    expect(await outsider.next('error')).toMatchObject({ code: 'call_not_allowed' });

    consultant.send({ type: 'call.request.decline', conversationId });
    for (const socket of [consultant, visitor]) {
      const { message } = await socket.next('message', (f) => f.message.event === 'call_request_declined');
      expect(message).toMatchObject({ author: 'system', authorName: staff.user.name });
    }
  });

  it('ends a declined call for both sides and records it as declined', async () => {
    const { consultant, visitor, callId } = await ringingCall('voice');
    // Only the called side can decline or answer.
    consultant.send({ type: 'call.accept', callId });
    expect(await consultant.next('error')).toMatchObject({ code: 'call_not_ringing' });
    visitor.send({ type: 'call.decline', callId });
    for (const socket of [consultant, visitor]) {
      expect((await socket.next('call.updated', (f) => f.call.state === 'ended')).call).toMatchObject({ outcome: 'declined', endReason: 'declined' });
      expect((await socket.next('message', (f) => f.message.event === 'call_ended')).message.call).toMatchObject({ kind: 'voice', outcome: 'declined', durationSeconds: 0 });
    }
  });

  it('ends a call nobody answers as missed once CALL_RING_SECONDS have passed on the clock', async () => {
    const { consultant, visitor, callId } = await ringingCall('video');
    server.clock.advance(29_000);
    await server.app.calls.expireUnanswered();
    expect((await server.database.db.selectFrom('calls').select('state').where('id', '=', callId).executeTakeFirstOrThrow()).state).toBe('ringing');

    server.clock.advance(1_000);
    await server.app.calls.expireUnanswered();
    for (const socket of [consultant, visitor]) {
      expect((await socket.next('call.updated', (f) => f.call.state === 'ended')).call).toMatchObject({ outcome: 'missed', endReason: 'missed' });
      expect((await socket.next('message', (f) => f.message.event === 'call_ended')).message.call).toMatchObject({ outcome: 'missed' });
    }
    expect(callRecords(visitor)).toHaveLength(1);
    visitor.send({ type: 'call.accept', callId });
    expect(await visitor.next('error')).toMatchObject({ code: 'call_not_found' });
  });

  it('tells a visitor who reconnects about the ringing call, and lets only the visitor answer the consultant\'s call', async () => {
    const { consultant, callId, token } = await ringingCall('video');
    const reloaded = (await connectVisitor(server, token)).socket;
    expect((await reloaded.next('call.updated')).call).toMatchObject({ id: callId, state: 'ringing' });
    const colleague = await signedInStaff(server, { name: 'Ewa' });
    const colleagueSocket = (await connectStaff(server, colleague.cookie)).socket;
    colleagueSocket.send({ type: 'call.accept', callId });
    expect(await colleagueSocket.next('error')).toMatchObject({ code: 'not_in_call' });
    consultant.send({ type: 'call.decline', callId });
    expect(await consultant.next('error')).toMatchObject({ code: 'call_not_ringing' });
    expect((await server.database.db.selectFrom('calls').select('state').where('id', '=', callId).executeTakeFirstOrThrow()).state).toBe('ringing');
  });

  it('lets a member whose page was reloaded rejoin the live call: the others see a new join and signal the new page; nobody else may', async () => {
    const { consultant, visitor, staff, callId, token } = await activeCall();
    visitor.close();
    const reloaded = (await connectVisitor(server, token)).socket;
    const live = await reloaded.next('call.updated');
    expect(live.call).toMatchObject({ id: callId, state: 'active' });
    expect(live.call.members.find((m) => m.peer === 'visitor')).toMatchObject({ joined: true, joins: 1 });

    reloaded.send({ type: 'call.rejoin', callId });
    expect(await reloaded.next('call.ice')).toMatchObject({ callId });
    const rejoined = await consultant.next('call.updated', (f) => f.call.members.some((m) => m.peer === 'visitor' && m.joins === 2));
    expect(rejoined.call.state).toBe('active');
    consultant.send({ type: 'call.signal', toJoins: 2, callId, to: 'visitor', signal: OFFER });
    expect(await reloaded.next('call.signal')).toMatchObject({ from: staff.user.id, toJoins: 2, signal: OFFER });
    // What the new page sends carries its new join, so the consultant's browser replaces its old link.
    reloaded.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: ANSWER });
    expect(await consultant.next('call.signal')).toMatchObject({ from: 'visitor', fromJoins: 2, signal: ANSWER });

    // Only a member in the call may take it over; an ended call cannot be rejoined.
    const colleague = (await connectStaff(server, (await signedInStaff(server, { name: 'Ewa' })).cookie)).socket;
    colleague.send({ type: 'call.rejoin', callId });
    expect(await colleague.next('error')).toMatchObject({ code: 'not_in_call' });
    consultant.send({ type: 'call.hangup', callId });
    await reloaded.next('call.updated', (f) => f.call.state === 'ended');
    reloaded.send({ type: 'call.rejoin', callId });
    expect(await reloaded.next('error')).toMatchObject({ code: 'call_not_found' });
    expect(callRecords(reloaded)).toHaveLength(1);
  });

  it('issues TURN credentials for the call from the injected clock, valid at most 10 minutes', async () => {
    const { ice, callId } = await ringingCall();
    const turn = ice.iceServers.find((s) => s.urls.some((u) => u.startsWith('turn:')));
    const expiry = Math.floor(server.clock.now().getTime() / 1000) + 600;
    expect(turn?.username).toBe(`${expiry}:${callId}`);
    const { createHmac } = await import('node:crypto');
    expect(turn?.credential).toBe(createHmac('sha1', TURN_SECRET).update(`${expiry}:${callId}`).digest('base64'));
    expect(Date.parse(ice.expiresAt) - server.clock.now().getTime()).toBe(600_000);
    expect(ice.iceServers).toContainEqual({ urls: ['stun:stun.urzad.example:3478'] });
  });

  it('ends the call when the conversation closes', async () => {
    const { consultant, visitor, conversationId } = await activeCall('voice');
    consultant.send({ type: 'conversation.close', conversationId, topic: 'work', outcome: 'answered' });
    expect((await visitor.next('call.updated', (f) => f.call.state === 'ended')).call).toMatchObject({ endReason: 'conversation_closed' });
  });

  it('brings an available interpreter into the call and the conversation; all three signal each other', async () => {
    const { consultant, visitor, staff, callId, conversationId } = await activeCall('video');
    const interpreter = await signedInStaff(server, { name: 'Marta (PJM)' });
    await server.database.db
      .updateTable('staff_users')
      .set({ interpreter_languages: 'pjm,en', availability: 'available' })
      .where('id', '=', interpreter.user.id)
      .execute();
    const interpreterSocket = (await connectStaff(server, interpreter.cookie)).socket;

    const listed = await server.app.server.inject({ method: 'GET', url: '/api/calls/interpreters?language=pjm', headers: { cookie: staff.cookie } });
    expect(listed.json().interpreters).toEqual([{ id: interpreter.user.id, name: 'Marta (PJM)', interpreterLanguages: ['pjm', 'en'] }]);
    const none = await server.app.server.inject({ method: 'GET', url: '/api/calls/interpreters?language=de', headers: { cookie: staff.cookie } });
    expect(none.json().interpreters).toEqual([]);
    expect((await server.app.server.inject({ method: 'GET', url: '/api/calls/interpreters' })).statusCode).toBe(401);

    // Not invited yet: the interpreter cannot join or signal.
    interpreterSocket.send({ type: 'call.accept', callId });
    expect(await interpreterSocket.next('error')).toMatchObject({ code: 'not_in_call' });

    consultant.send({ type: 'call.invite', callId, staffId: interpreter.user.id });
    const invited = await interpreterSocket.next('call.updated', (f) => f.call.members.some((m) => m.peer === interpreter.user.id));
    expect(invited.call.members.find((m) => m.peer === interpreter.user.id)).toMatchObject({ role: 'interpreter', joined: false });
    interpreterSocket.send({ type: 'call.accept', callId });
    await interpreterSocket.next('call.ice');
    const joined = await visitor.next('call.updated', (f) => f.call.members.filter((m) => m.joined).length === 3);
    expect(joined.call.members.find((m) => m.peer === interpreter.user.id)).toMatchObject({ name: 'Marta (PJM)', joined: true });
    await visitor.next('message', (f) => f.message.event === 'interpreter_joined');

    interpreterSocket.send({ type: 'call.signal', toJoins: 1, callId, to: 'visitor', signal: OFFER });
    expect(await visitor.next('call.signal')).toMatchObject({ from: interpreter.user.id });
    interpreterSocket.send({ type: 'call.signal', toJoins: 1, callId, to: staff.user.id, signal: OFFER });
    expect(await consultant.next('call.signal')).toMatchObject({ from: interpreter.user.id });
    visitor.send({ type: 'call.signal', toJoins: 1, callId, to: interpreter.user.id, signal: ANSWER });
    expect(await interpreterSocket.next('call.signal')).toMatchObject({ from: 'visitor' });

    // The interpreter now follows the conversation's messages too.
    const clientId = randomUUID();
    visitor.send({ type: 'message.send', clientId, body: 'Dziękuję' });
    expect((await interpreterSocket.next('message', (f) => f.message.clientId === clientId)).conversationId).toBe(conversationId);

    // The interpreter leaves: the call goes on between the other two.
    interpreterSocket.send({ type: 'call.hangup', callId });
    const after = await visitor.next('call.updated', (f) => f.call.members.every((m) => m.peer !== interpreter.user.id));
    expect(after.call.state).toBe('active');
  });
});

describe.each(databaseTargets)('calls across two instances on $engine', (target) => {
  const instances = twoInstancesForSuite(target, TEST_ENV);

  it('an admin switches it on in /admin (audited) and the other instance obeys; consultants may not change it; off again, the visitor may only ask', async () => {
    const [first, second] = instances();
    const info = async () => (await second.app.server.inject({ method: 'GET', url: '/api/desk' })).json().calls.visitorMayStart;
    expect(await info()).toBe(false);

    const consultant = await signedInStaff(first);
    const forbidden = await first.app.server.inject({ method: 'PUT', url: '/api/admin/calls', headers: { cookie: consultant.cookie }, payload: { visitorMayStart: true } });
    expect(forbidden.statusCode).toBe(403);
    const admin = await signedInStaff(first, { role: 'admin', name: 'Adam' });
    const invalid = await first.app.server.inject({ method: 'PUT', url: '/api/admin/calls', headers: { cookie: admin.cookie }, payload: { visitorMayStart: 'yes' } });
    expect(invalid.statusCode).toBe(400);
    const saved = await first.app.server.inject({ method: 'PUT', url: '/api/admin/calls', headers: { cookie: admin.cookie }, payload: { visitorMayStart: true } });
    expect(saved.json()).toEqual({ visitorMayStart: true });
    expect(await info()).toBe(true);
    const audit = await first.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.changed').execute();
    expect(audit.filter((entry) => entry.target_type === 'calls')).toHaveLength(1);

    // The visitor's call reaches the consultant through the other instance.
    const live = await liveConversation(second);
    live.visitor.send({ type: 'call.start', kind: 'voice' });
    await live.visitor.next('call.ice');
    const ringing = await live.consultant.next('call.updated', (f) => f.call.state === 'ringing');
    expect(ringing.call).toMatchObject({ startedBy: 'visitor', kind: 'voice' });
    live.consultant.send({ type: 'call.accept', callId: ringing.call.id });
    await live.visitor.next('call.updated', (f) => f.call.state === 'active');
    live.visitor.send({ type: 'call.hangup', callId: ringing.call.id });
    await live.consultant.next('call.updated', (f) => f.call.state === 'ended');

    await first.app.server.inject({ method: 'PUT', url: '/api/admin/calls', headers: { cookie: admin.cookie }, payload: { visitorMayStart: false } });
    expect(await info()).toBe(false);
    live.visitor.send({ type: 'call.start', kind: 'voice' });
    expect(await live.visitor.next('error')).toMatchObject({ code: 'call_not_allowed' });
  });

  it('lets a visitor whose page was reloaded onto the other instance rejoin the live call: the consultant sees the new join and they signal each other', async () => {
    const [first, second] = instances();
    const live = await liveConversation(first);
    live.consultant.send({ type: 'call.start', conversationId: live.conversationId, kind: 'video' });
    const callId = (await live.visitor.next('call.updated', (f) => f.call.state === 'ringing')).call.id;
    live.visitor.send({ type: 'call.accept', callId });
    await live.consultant.next('call.updated', (f) => f.call.state === 'active');
    live.visitor.close();

    const reloaded = (await connectVisitor(second, live.token)).socket;
    expect((await reloaded.next('call.updated')).call).toMatchObject({ id: callId, state: 'active' });
    reloaded.send({ type: 'call.rejoin', callId });
    expect(await reloaded.next('call.ice')).toMatchObject({ callId });
    const rejoined = await live.consultant.next('call.updated', (f) => f.call.members.some((m) => m.peer === 'visitor' && m.joins === 2));
    expect(rejoined.call.state).toBe('active');
    live.consultant.send({ type: 'call.signal', toJoins: 2, callId, to: 'visitor', signal: OFFER });
    expect(await reloaded.next('call.signal')).toMatchObject({ from: live.staff.user.id, toJoins: 2, signal: OFFER });
    reloaded.send({ type: 'call.signal', toJoins: 1, callId, to: live.staff.user.id, signal: ANSWER });
    expect(await live.consultant.next('call.signal')).toMatchObject({ from: 'visitor', fromJoins: 2, signal: ANSWER });

    live.consultant.send({ type: 'call.hangup', callId });
    await reloaded.next('call.updated', (f) => f.call.state === 'ended');
    reloaded.close();
    live.consultant.close();
  });
});
