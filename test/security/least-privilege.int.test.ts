/**
 * Finding 9, least privilege: a consultant reads the notes, the visitor's context and the files
 * of conversations they work on (assignee or participant), of waiting ones they could take (their
 * language and topic), or of any as a supervisor; not of every conversation of the desk.
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
});
