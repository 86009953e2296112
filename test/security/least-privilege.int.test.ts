/**
 * Finding 9, least privilege: a consultant reads the notes, the visitor's context and the files
 * of conversations they work on (assignee or participant), of waiting ones they could take (their
 * language and topic), or of any as a supervisor; not of every conversation of the desk. The inbox
 * of left messages, with their e-mail addresses, likewise: a consultant's languages and topics,
 * what they answered, or all as a supervisor.
 */
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, serverForSuite, signedInStaff, startConversation, type TestServer } from '../support/app';
import { liveConversation } from '../support/live-conversation';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('what a consultant may read on $engine', (target) => {
  const suiteServer = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const details = (conversationId: string, cookie: string) =>
    Promise.all(['notes', 'context'].map(async (part) => (await inject({ method: 'GET', url: `/api/conversations/${conversationId}/${part}`, headers: { cookie } })).statusCode));

  it('keeps an active conversation to its assignee and supervisors', async () => {
    const live = await liveConversation(server, { staff: { languages: ['en'] }, start: { language: 'en' } });
    const colleague = await signedInStaff(server, { languages: ['en'] });
    const supervisor = await signedInStaff(server, { role: 'supervisor', languages: ['pl'] });
    expect(await details(live.conversationId, live.staff.cookie)).toEqual([200, 200]);
    expect(await details(live.conversationId, supervisor.cookie)).toEqual([200, 200]);
    expect(await details(live.conversationId, colleague.cookie)).toEqual([403, 403]);
    live.consultant.close();
    live.visitor.close();
  });

  it('shows a waiting conversation to consultants who could take it, not to others', async () => {
    const english = await signedInStaff(server, { languages: ['en'] });
    const polish = await signedInStaff(server, { languages: ['pl'] });
    const { socket } = await connectStaff(server, english.cookie);
    await startConversation(server, { language: 'en' });
    const queued = await socket.next('conversation.updated', (frame) => frame.conversation.status === 'waiting');
    expect(await details(queued.conversation.id, english.cookie)).toEqual([200, 200]);
    expect(await details(queued.conversation.id, polish.cookie)).toEqual([403, 403]);
    socket.close();
  });

  it('shows a consultant only the left messages, with their addresses, in their languages and topics, and what they answered', async () => {
    server.clock.set('2026-01-17T10:00:00Z'); // a Saturday: messages are taken
    const leave = async (language: string, topic: string) => {
      const payload = { language, topic, body: 'Where is my card?', email: `${language}-${topic}@example.org`, consent: true };
      const response = await inject({ method: 'POST', url: '/api/left-messages', payload });
      expect(response.statusCode).toBe(201);
      return response.json<{ reference: string }>().reference;
    };
    const ukWork = await leave('uk', 'work');
    const ukOther = await leave('uk', 'residence_card');
    const plWork = await leave('pl', 'work');
    const ukrainian = await signedInStaff(server, { languages: ['uk'] });
    const admin = await signedInStaff(server, { role: 'admin' });
    const topics = await inject({ method: 'PATCH', url: `/api/admin/staff/${ukrainian.user.id}`, headers: { cookie: admin.cookie }, payload: { topics: ['work'] } });
    expect(topics.statusCode).toBe(200);
    const supervisor = await signedInStaff(server, { role: 'supervisor', languages: ['en'] });
    const inbox = async (cookie: string) =>
      (await inject({ method: 'GET', url: '/api/inbox', headers: { cookie } })).json<{ messages: { id: string; reference: string; email: string }[] }>().messages;

    const seen = await inbox(ukrainian.cookie);
    expect(seen.map((message) => message.reference)).toEqual([ukWork]);
    expect((await inbox(supervisor.cookie)).map((message) => message.reference).sort()).toEqual([ukWork, ukOther, plWork].sort());
    const others = (await inbox(supervisor.cookie)).filter((message) => message.reference !== ukWork);
    for (const message of others) {
      const codes = await Promise.all(
        [
          { method: 'GET' as const, url: `/api/inbox/${message.id}` },
          { method: 'POST' as const, url: `/api/inbox/${message.id}/answer`, payload: { answer: 'Room 12.' } },
          { method: 'POST' as const, url: `/api/inbox/${message.id}/close` },
        ].map(async (request) => (await inject({ ...request, headers: { cookie: ukrainian.cookie } })).json<{ code: string }>().code),
      );
      expect(codes).toEqual(['left_message_not_found', 'left_message_not_found', 'left_message_not_found']);
    }
  });
});
