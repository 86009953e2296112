import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../../src/server/auth/roles';
import {
  connectStaff,
  connectVisitor,
  serverForSuite,
  signedInStaff,
  startConversation,
  type TestServer,
} from '../../support/app';
import { databaseTargets } from '../../support/databases';
import type { TestSocket } from '../../support/ws-client';
import type { StaffActor } from '../../../src/server/actor';

const TEST_ENV = {
  CONVERSATIONS_PER_MINUTE: '1000',
  LOGINS_PER_MINUTE: '1000',
  MESSAGES_PER_MINUTE: '1000',
  OFFICE_HOURS: 'mon-sun 00:00-24:00',
  LAST_ENTRY_MINUTES: '0',
};

describe.each(databaseTargets)('participants, transfer and supervision on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function staffMember(name: string, role: StaffRole = 'consultant') {
    const staff = await signedInStaff(server, { name, role });
    const { socket } = await connectStaff(server, staff.cookie);
    const actor: StaffActor = { kind: 'staff', id: staff.user.id, name, deskId: server.app.desk.id };
    return { ...staff, socket, actor };
  }

  /** A visitor talking with Anna, both connected. */
  async function liveConversation() {
    const anna = await staffMember('Anna');
    const started = await startConversation(server, { visitorName: 'Oksana', language: 'uk' });
    const visitor = await connectVisitor(server, started.token);
    const conversationId = (await server.app.conversations.findByToken(started.token)).id;
    anna.socket.send({ type: 'conversation.take', conversationId });
    await anna.socket.next('history', (f) => f.conversationId === conversationId);
    await visitor.socket.next('visitor.conversation.updated', (f) => f.conversation.status === 'active');
    return { anna, visitor: visitor.socket, token: started.token, conversationId };
  }

  function api(method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) {
    return server.app.server.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });
  }

  /** Sends a message; resolves with its client id and the server's answer to it (ack or error). */
  async function say(socket: TestSocket, body: string, conversationId?: string) {
    const clientId = randomUUID();
    socket.send({ type: 'message.send', clientId, body, ...(conversationId && { conversationId }) });
    const answers = [socket.next('ack', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)];
    // Only one of the two ever comes; the other one's wait times out unheard.
    for (const pending of answers) pending.catch(() => {});
    const answer = await Promise.race(answers);
    return { clientId, refusal: answer.type === 'error' ? answer.code : null };
  }

  function auditEntries(action: string, conversationId: string) {
    return server.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', conversationId).execute();
  }

  it('lets a supervisor join: the visitor is told and sees their name, both staff receive and write, until they leave', async () => {
    const { anna, visitor, conversationId } = await liveConversation();
    const maria = await staffMember('Maria', 'supervisor');

    const joined = await api('POST', `/api/conversations/${conversationId}/participants`, maria.cookie, { role: 'supervisor' });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().conversation.participants).toEqual([{ id: maria.user.id, name: 'Maria', role: 'supervisor' }]);
    const notice = await visitor.next('message', (f) => f.message.event === 'supervisor_joined');
    expect(notice.message.authorName).toBe('Maria');
    await anna.socket.next('message', (f) => f.message.event === 'supervisor_joined');

    // The supervisor follows the conversation: history on sync, the visitor's messages live.
    maria.socket.send({ type: 'conversation.sync', conversationId, lastSeq: 0 });
    const history = await maria.socket.next('history', (f) => f.conversationId === conversationId);
    expect(history.messages.map((m) => m.event)).toContain('supervisor_joined');
    const fromVisitor = await say(visitor, 'Дякую');
    expect(fromVisitor.refusal).toBeNull();
    await maria.socket.next('message', (f) => f.message.clientId === fromVisitor.clientId);

    const fromMaria = await say(maria.socket, 'Dzień dobry, jestem koordynatorką.', conversationId);
    expect(fromMaria.refusal).toBeNull();
    const atVisitor = await visitor.next('message', (f) => f.message.clientId === fromMaria.clientId);
    expect(atVisitor.message).toMatchObject({ author: 'staff', authorName: 'Maria' });
    expect(atVisitor.message).not.toHaveProperty('authorId');
    const atColleague = await anna.socket.next('message', (f) => f.message.clientId === fromMaria.clientId);
    expect(atColleague.message.authorId).toBe(maria.user.id);
    expect(await auditEntries('conversation.joined', conversationId)).toEqual([
      expect.objectContaining({ actor_id: maria.user.id, target_id: conversationId }),
    ]);

    const again = await api('POST', `/api/conversations/${conversationId}/participants`, maria.cookie, { role: 'supervisor' });
    expect(again.json().code).toBe('already_in_conversation');

    const left = await api('DELETE', `/api/conversations/${conversationId}/participants/me`, maria.cookie);
    expect(left.statusCode).toBe(200);
    expect(left.json().conversation.participants).toEqual([]);
    await visitor.next('message', (f) => f.message.event === 'participant_left' && f.message.authorName === 'Maria');
    const afterLeaving = await say(maria.socket, 'still here?', conversationId);
    expect(afterLeaving.refusal).toBe('not_assigned');
    const leftAgain = await api('DELETE', `/api/conversations/${conversationId}/participants/me`, maria.cookie);
    expect(leftAgain.json().code).toBe('not_participant');
  });

  it('lets an interpreter join (through the calls service, or on request with interpreted languages) and lists the conversation in their welcome', async () => {
    const { visitor, conversationId } = await liveConversation();
    const olek = await staffMember('Olek');
    await server.app.participants.join(olek.actor, conversationId, 'interpreter');
    await visitor.next('message', (f) => f.message.event === 'interpreter_joined' && f.message.authorName === 'Olek');

    const again = await connectStaff(server, olek.cookie);
    const listed = again.welcome.conversations.find((c) => c.id === conversationId);
    expect(listed?.participants).toEqual([{ id: olek.user.id, name: 'Olek', role: 'interpreter' }]);

    // Asked for from the console, an interpreter's join needs languages they interpret.
    server.clock.advance(60_000);
    const ira = await staffMember('Ira');
    await server.database.db.updateTable('staff_users').set({ interpreter_languages: 'uk,pjm' }).where('id', '=', ira.user.id).execute();
    const joined = await api('POST', `/api/conversations/${conversationId}/participants`, ira.cookie, { role: 'interpreter' });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().conversation.participants.map((p: { name: string }) => p.name)).toEqual(['Olek', 'Ira']);
  });

  it('refuses supervisor actions to a consultant with 403 forbidden', async () => {
    const { conversationId } = await liveConversation();
    const piotr = await staffMember('Piotr');
    const refusals = await Promise.all([
      api('POST', `/api/conversations/${conversationId}/participants`, piotr.cookie, { role: 'supervisor' }),
      // Nor may a consultant who interprets no language slip in as an interpreter.
      api('POST', `/api/conversations/${conversationId}/participants`, piotr.cookie, { role: 'interpreter' }),
      api('POST', `/api/conversations/${conversationId}/reassign`, piotr.cookie, { to: piotr.user.id }),
      api('POST', `/api/conversations/${conversationId}/take-over`, piotr.cookie),
      api('GET', '/api/supervisor/overview', piotr.cookie),
    ]);
    for (const response of refusals) {
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
    const anonymous = await server.app.server.inject({ method: 'GET', url: '/api/supervisor/overview' });
    expect(anonymous.statusCode).toBe(401);
    expect((await server.app.conversations.findById(conversationId)).participants).toEqual([]);
  });

  it('transfers to a colleague with a note only they see; the visitor is told and the colleague continues', async () => {
    const { anna, visitor, conversationId } = await liveConversation();
    const bartek = await staffMember('Bartek');
    const onlooker = await staffMember('Celina');
    const note = 'Pyta o kartę pobytu; dokumenty już wysłane.';

    const response = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: bartek.user.id, note });
    expect(response.statusCode).toBe(200);
    expect(response.json().conversation.assignee).toEqual({ id: bartek.user.id, name: 'Bartek' });

    const told = await visitor.next('message', (f) => f.message.event === 'conversation_transferred');
    expect(told.message.authorName).toBe('Bartek');
    const visitorView = await visitor.next('visitor.conversation.updated', (f) => f.conversation.consultantName === 'Bartek');
    expect(visitorView.conversation.status).toBe('active');
    const delivered = await bartek.socket.next('transfer.note', (f) => f.note.conversationId === conversationId);
    expect(delivered.note).toMatchObject({ note, from: { id: anna.user.id, name: 'Anna' } });
    await onlooker.socket.next('conversation.updated', (f) => f.conversation.id === conversationId && f.conversation.assignee?.id === bartek.user.id);

    // The note is Bartek's alone: on no other socket, in no other list, not in the audit log.
    for (const socket of [anna.socket, onlooker.socket, visitor]) {
      expect(JSON.stringify(socket.received)).not.toContain('dokumenty');
    }
    expect((await api('GET', '/api/transfer-notes', bartek.cookie)).json().notes).toEqual([
      expect.objectContaining({ conversationId, note }),
    ]);
    expect((await api('GET', '/api/transfer-notes', onlooker.cookie)).json().notes).toEqual([]);
    const audited = await auditEntries('conversation.transferred', conversationId);
    expect(audited).toEqual([expect.objectContaining({ actor_id: anna.user.id, target_id: conversationId })]);
    expect(audited[0]?.detail).not.toContain('dokumenty');

    // Bartek continues; Anna no longer may.
    bartek.socket.send({ type: 'conversation.sync', conversationId, lastSeq: 0 });
    await bartek.socket.next('history', (f) => f.conversationId === conversationId);
    const fromBartek = await say(bartek.socket, 'Dzień dobry, tu Bartek.', conversationId);
    expect(fromBartek.refusal).toBeNull();
    expect((await visitor.next('message', (f) => f.message.clientId === fromBartek.clientId)).message.authorName).toBe('Bartek');
    const fromAnna = await say(anna.socket, 'one more thing', conversationId);
    expect(fromAnna.refusal).toBe('not_assigned');
    const twice = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: onlooker.user.id });
    expect(twice.json().code).toBe('not_assigned');
  });

  it('refuses a transfer to an unknown or deactivated colleague and to oneself, changing nothing', async () => {
    const { anna, conversationId } = await liveConversation();
    const unknown = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: randomUUID() });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'staff_not_found']);
    const gone = await signedInStaff(server, { name: 'Gone' });
    await server.database.db.updateTable('staff_users').set({ active: 0 }).where('id', '=', gone.user.id).execute();
    const deactivated = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: gone.user.id });
    expect(deactivated.json().code).toBe('staff_not_found');
    const self = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: anna.user.id });
    expect(self.json().code).toBe('already_in_conversation');
    const invalid = await api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: 'nobody' });
    expect(invalid.json().code).toBe('validation_failed');
    expect((await server.app.conversations.findById(conversationId)).assignee_id).toBe(anna.user.id);
  });

  it('transfers back to another language’s and topic’s queue at once; the visitor is told', async () => {
    const { anna, visitor, conversationId } = await liveConversation();
    const unknownTopic = await api('POST', `/api/conversations/${conversationId}/return-to-queue`, anna.cookie, { topic: 'no_such_topic' });
    expect(unknownTopic.statusCode).toBe(400);
    expect((await server.app.conversations.findById(conversationId)).status).toBe('active');

    const response = await api('POST', `/api/conversations/${conversationId}/return-to-queue`, anna.cookie, { language: 'ru', topic: 'citizenship' });
    expect(response.statusCode).toBe(200);
    expect(response.json().conversation).toMatchObject({ status: 'waiting', assignee: null, language: 'ru', topic: 'citizenship' });
    await visitor.next('message', (f) => f.message.event === 'returned_to_queue');
    await visitor.next('visitor.conversation.updated', (f) => f.conversation.status === 'waiting' && f.conversation.language === 'ru');
    expect(await auditEntries('conversation.transferred', conversationId)).toEqual([
      expect.objectContaining({ actor_id: anna.user.id, detail: JSON.stringify({ to: 'queue', language: 'ru', topic: 'citizenship' }) }),
    ]);
    const again = await api('POST', `/api/conversations/${conversationId}/return-to-queue`, anna.cookie, {});
    expect(again.json().code).toBe('not_assigned');
  });

  it('lets a supervisor see everything, reassign a conversation and take one over', async () => {
    const { anna, visitor, conversationId } = await liveConversation();
    const waiting = await startConversation(server, { language: 'en' });
    const bartek = await staffMember('Bartek');
    const maria = await staffMember('Maria', 'supervisor');

    const overview = (await api('GET', '/api/supervisor/overview', maria.cookie)).json();
    const ids = overview.conversations.map((c: { id: string }) => c.id);
    expect(ids).toContain(conversationId);
    expect(ids).toContain((await server.app.conversations.findByToken(waiting.token)).id);
    expect(overview.staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: anna.user.id, load: 1, maxConcurrent: 3 }),
        expect.objectContaining({ id: bartek.user.id, load: 0 }),
      ]),
    );

    const reassigned = await api('POST', `/api/conversations/${conversationId}/reassign`, maria.cookie, { to: bartek.user.id });
    expect(reassigned.json().conversation.assignee.id).toBe(bartek.user.id);
    await visitor.next('message', (f) => f.message.event === 'conversation_transferred' && f.message.authorName === 'Bartek');
    await anna.socket.next('conversation.updated', (f) => f.conversation.id === conversationId && f.conversation.assignee?.id === bartek.user.id);

    // Maria joins, then takes over: she is the assignee and no longer a participant.
    await api('POST', `/api/conversations/${conversationId}/participants`, maria.cookie, { role: 'supervisor' });
    const takenOver = await api('POST', `/api/conversations/${conversationId}/take-over`, maria.cookie);
    expect(takenOver.json().conversation).toMatchObject({ assignee: { id: maria.user.id, name: 'Maria' }, participants: [] });
    await visitor.next('message', (f) => f.message.event === 'conversation_transferred' && f.message.authorName === 'Maria');
    const fromBartek = await say(bartek.socket, 'hello?', conversationId);
    expect(fromBartek.refusal).toBe('not_assigned');
    expect((await auditEntries('conversation.reassigned', conversationId)).length).toBe(1);
    expect((await auditEntries('conversation.taken_over', conversationId))[0]).toMatchObject({
      actor_id: maria.user.id,
      detail: JSON.stringify({ from: bartek.user.id }),
    });
  });

  it('lets exactly one of a transfer and a take-over that race win', async () => {
    const { anna, conversationId } = await liveConversation();
    const bartek = await staffMember('Bartek');
    const maria = await staffMember('Maria', 'supervisor');
    const [transfer, takeOver] = await Promise.all([
      api('POST', `/api/conversations/${conversationId}/transfer`, anna.cookie, { to: bartek.user.id }),
      api('POST', `/api/conversations/${conversationId}/take-over`, maria.cookie),
    ]);
    const codes = [transfer.statusCode, takeOver.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect(codes[1]).toBeGreaterThanOrEqual(400);
    const winner = transfer.statusCode === 200 ? bartek.user.id : maria.user.id;
    expect((await server.app.conversations.findById(conversationId)).assignee_id).toBe(winner);
    const events = (await server.app.conversations.messagesAfter(conversationId, 0)).filter((m) => m.event === 'conversation_transferred');
    expect(events).toHaveLength(1);
  });
});
