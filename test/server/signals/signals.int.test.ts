import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../src/shared/protocol';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };

const typingFrames = (frames: ServerFrame[]) => frames.filter((frame) => frame.type === 'typing');

describe.each(databaseTargets)('typing indicators and read receipts on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('relays typing both ways, thinned to one "typing" per interval, never stored', async () => {
    const { consultant, visitor, conversationId } = await liveConversation(server);
    const lastSeq = (await server.app.conversations.findById(conversationId)).last_seq;

    visitor.send({ type: 'typing', active: true });
    visitor.send({ type: 'typing', active: true });
    visitor.send({ type: 'typing', active: false });
    await consultant.next('typing', (f) => !f.active);
    expect(typingFrames(consultant.received)).toEqual([
      { type: 'typing', conversationId, author: 'visitor', active: true },
      { type: 'typing', conversationId, author: 'visitor', active: false },
    ]);

    consultant.send({ type: 'typing', conversationId, active: true });
    expect(await visitor.next('typing')).toEqual({ type: 'typing', author: 'staff', active: true });
    consultant.send({ type: 'typing', conversationId, active: true });
    server.clock.advance(2_000);
    consultant.send({ type: 'typing', conversationId, active: true });
    await visitor.next('typing');
    expect(typingFrames(visitor.received)).toHaveLength(2);
    // The staff frame names no consultant and carries no conversation id: the visitor has one.
    expect(JSON.stringify(typingFrames(visitor.received))).not.toContain(conversationId);

    expect((await server.app.conversations.findById(conversationId)).last_seq).toBe(lastSeq);
  });

  it('tells only the conversation’s own consultant, and refuses typing in someone else’s', async () => {
    const { visitor, conversationId } = await liveConversation(server);
    const colleague = await signedInStaff(server);
    const other = await connectStaff(server, colleague.cookie);
    other.socket.send({ type: 'typing', conversationId, active: true });
    expect(await other.socket.next('error')).toMatchObject({ code: 'not_assigned', conversationId });
    visitor.send({ type: 'typing', active: true });
    const marker = randomUUID();
    visitor.send({ type: 'message.send', clientId: marker, body: 'after typing' });
    await visitor.next('ack', (f) => f.clientId === marker);
    expect(typingFrames(other.socket.received)).toEqual([]);
    other.socket.close();
  });

  it('shows the visitor how far their messages were read, live and after a reconnect', async () => {
    const { consultant, visitor, token, conversationId } = await liveConversation(server);
    const clientId = randomUUID();
    visitor.send({ type: 'message.send', clientId, body: 'Czy mogę pracować?' });
    const { seq } = await visitor.next('ack', (f) => f.clientId === clientId);

    consultant.send({ type: 'conversation.read', conversationId, seq });
    expect(await visitor.next('read')).toEqual({ type: 'read', seq });
    // Reading the same again, or an older seq, or one that does not exist yet, tells nobody anything.
    consultant.send({ type: 'conversation.read', conversationId, seq });
    consultant.send({ type: 'conversation.read', conversationId, seq: seq - 1 });
    consultant.send({ type: 'conversation.read', conversationId, seq: seq + 50 });
    const marker = randomUUID();
    consultant.send({ type: 'message.send', conversationId, clientId: marker, body: 'Tak.' });
    await visitor.next('message', (f) => f.message.clientId === marker);
    expect(visitor.received.filter((frame) => frame.type === 'read')).toHaveLength(1);

    const again = await connectVisitor(server, token, seq);
    expect(again.welcome.conversation.readSeq).toBe(seq);
    again.socket.close();
  });

  it('takes read marks from the assigned consultant only', async () => {
    const { visitor, conversationId } = await liveConversation(server);
    const colleague = await signedInStaff(server);
    const other = await connectStaff(server, colleague.cookie);
    other.socket.send({ type: 'conversation.read', conversationId, seq: 1 });
    other.socket.send({ type: 'ping' });
    await other.socket.next('pong');
    visitor.send({ type: 'conversation.read', conversationId, seq: 1 });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden' });
    expect((await server.app.conversations.findById(conversationId)).staff_read_seq).toBe(0);
    other.socket.close();
  });

  it('refuses a read mark beyond any sequence number a conversation can hold as an invalid frame, not a database error', async () => {
    const { consultant, conversationId } = await liveConversation(server);
    // PostgreSQL's integer ends at 2^31 - 1; JavaScript's safe integers go on to 2^53 - 1.
    for (const seq of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      consultant.send({ type: 'conversation.read', conversationId, seq });
      expect(await consultant.next('error')).toMatchObject({ code: 'invalid_frame' });
    }
    expect((await server.app.conversations.findById(conversationId)).staff_read_seq).toBe(0);
  });
});
