/**
 * Internal notes are for staff only: this proves that no visitor path carries one — not the live
 * frames, not the backlog a reconnecting visitor gets, not the transcript, not the notes API.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Note } from '../../../src/shared/protocol';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };
const SECRET = 'NOTE-7f3a: visitor seemed distressed, check the deadline';

describe.each(databaseTargets)('internal notes on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  const addNote = (cookie: string, conversationId: string, body: string) =>
    server.app.server.inject({ method: 'POST', url: `/api/conversations/${conversationId}/notes`, headers: { cookie }, payload: { body } });

  it('reaches the staff who follow the conversation and never the visitor, live or later', async () => {
    const { staff, consultant, visitor, token, conversationId } = await liveConversation(server);
    const lastSeqBefore = (await server.app.conversations.findById(conversationId)).last_seq;

    const added = await addNote(staff.cookie, conversationId, `  ${SECRET}  `);
    expect(added.statusCode).toBe(201);
    const note = added.json() as Note;
    expect(note).toMatchObject({ conversationId, body: SECRET, author: { id: staff.user.id } });
    const live = await consultant.next('note');
    expect(live.note).toEqual(note);

    // A message sent after the note reaches the visitor; had the note been sent to them, it would be before it.
    const clientId = randomUUID();
    consultant.send({ type: 'message.send', conversationId, clientId, body: 'Dzień dobry' });
    await visitor.next('message', (f) => f.message.clientId === clientId);
    expect(JSON.stringify(visitor.received)).not.toContain('NOTE-7f3a');
    expect(visitor.received.some((frame) => (frame.type as string) === 'note')).toBe(false);

    // Notes take no sequence number: the visitor's log has no gap and no hidden entry.
    expect((await server.app.conversations.findById(conversationId)).last_seq).toBe(lastSeqBefore + 1);

    const reconnected = await connectVisitor(server, token, 0);
    expect(JSON.stringify(reconnected.welcome)).not.toContain('NOTE-7f3a');
    expect(reconnected.welcome.missed.map((m) => m.seq)).toEqual(Array.from({ length: lastSeqBefore + 1 }, (_, i) => i + 1));

    const transcript = await server.app.server.inject({
      method: 'GET',
      url: '/api/conversations/current/transcript',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.body).toContain('Dzień dobry');
    expect(transcript.body).not.toContain('NOTE-7f3a');

    for (const method of ['GET', 'POST'] as const) {
      const byVisitor = await server.app.server.inject({
        method,
        url: `/api/conversations/${conversationId}/notes`,
        headers: { authorization: `Bearer ${token}` },
        ...(method === 'POST' && { payload: { body: 'from the visitor' } }),
      });
      expect(byVisitor.statusCode).toBe(401);
    }
    reconnected.socket.close();
  });

  it('lists a conversation’s notes in order for any staff member of the desk', async () => {
    const { staff, conversationId } = await liveConversation(server);
    await addNote(staff.cookie, conversationId, 'first');
    server.clock.advance(1_000);
    const supervisor = await signedInStaff(server, { role: 'supervisor', name: 'Supervisor' });
    const watching = await connectStaff(server, supervisor.cookie);
    expect((await addNote(supervisor.cookie, conversationId, 'second')).statusCode).toBe(201);
    // The author follows their own note live; the assignee too.
    expect((await watching.socket.next('note')).note.body).toBe('second');

    const listed = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${conversationId}/notes`, headers: { cookie: staff.cookie } });
    expect((listed.json() as { notes: Note[] }).notes.map((n) => [n.body, n.author.name])).toEqual([
      ['first', staff.user.name],
      ['second', 'Supervisor'],
    ]);
    watching.socket.close();
  });

  it('refuses empty, oversized and misdirected notes without storing anything', async () => {
    const { staff, conversationId } = await liveConversation(server);
    expect((await addNote(staff.cookie, conversationId, '   ')).json()).toMatchObject({ code: 'validation_failed' });
    expect((await addNote(staff.cookie, conversationId, 'x'.repeat(4001))).json()).toMatchObject({ code: 'message_too_long' });
    expect((await addNote(staff.cookie, randomUUID(), 'lost')).json()).toMatchObject({ code: 'conversation_not_found' });
    expect((await addNote(staff.cookie, 'not-a-uuid', 'lost')).statusCode).toBe(404);
    const listed = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${conversationId}/notes`, headers: { cookie: staff.cookie } });
    expect((listed.json() as { notes: Note[] }).notes).toEqual([]);
  });
});
