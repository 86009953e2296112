/** A visitor and the consultant who took their conversation (Anna, unless told), both connected over real sockets. */
import type { StartConversationRequest } from '../../src/shared/protocol';
import { connectStaff, connectVisitor, signedInStaff, startConversation, type StaffOptions, type TestServer } from './app';

export async function liveConversation(
  server: TestServer,
  options: { staff?: StaffOptions; start?: Partial<StartConversationRequest> } = {},
) {
  const staff = await signedInStaff(server, { name: 'Anna', ...options.staff });
  const consultant = await connectStaff(server, staff.cookie);
  const started = await startConversation(server, { visitorName: 'Oksana', language: 'uk', ...options.start });
  const queued = await consultant.socket.next('conversation.updated', (f) => f.conversation.status === 'waiting');
  const visitor = await connectVisitor(server, started.token);
  const conversationId = queued.conversation.id;
  consultant.socket.send({ type: 'conversation.take', conversationId });
  await consultant.socket.next('history', (f) => f.conversationId === conversationId);
  await visitor.socket.next('visitor.conversation.updated', (f) => f.conversation.status === 'active');
  return { staff, consultant: consultant.socket, visitor: visitor.socket, token: started.token, conversationId };
}
