/**
 * The socket layer (src/server/realtime): every frame parsed and refused with a typed error, who a
 * socket is (hello, session, origin), and the guards that cut a socket off or slow a sender down.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';
import { TestSocket } from '../../support/ws-client';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };

describe.each(databaseTargets)('WebSocket frames and guards on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('answers malformed, unknown and invalid frames with typed errors and stays open', async () => {
    const { visitor } = await liveConversation(server);
    visitor.sendRaw('{not json');
    expect(await visitor.next('error')).toMatchObject({ code: 'bad_json' });
    visitor.sendRaw(JSON.stringify({ type: 'launch.missiles' }));
    expect(await visitor.next('error')).toMatchObject({ code: 'unknown_frame' });
    visitor.sendRaw(JSON.stringify({ type: 'message.send', clientId: 'not-a-uuid', body: 'x' }));
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    visitor.send({ type: 'ping' });
    await visitor.next('pong');
  });

  it('refuses staff actions from a visitor and anything from a socket that has not said hello', async () => {
    const { visitor, conversationId } = await liveConversation(server);
    visitor.send({ type: 'conversation.take', conversationId });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden' });
    visitor.send({ type: 'conversation.close', conversationId, topic: 'work', outcome: 'answered' });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden' });

    const stranger = await TestSocket.open(server.wsUrl);
    stranger.send({ type: 'message.send', conversationId, clientId: randomUUID(), body: 'hi' });
    expect(await stranger.next('error')).toMatchObject({ code: 'unauthenticated' });
  });

  it('closes the socket of an unknown visitor token with conversation_not_found', async () => {
    const socket = await TestSocket.open(server.wsUrl);
    socket.send({ type: 'visitor.hello', token: 'A'.repeat(43), lastSeq: 0 });
    expect(await socket.next('error')).toMatchObject({ code: 'conversation_not_found', fatal: true });
    expect((await socket.closed).code).toBe(4000);
  });

  it('does not let a staff socket without a session in', async () => {
    const socket = await TestSocket.open(server.wsUrl, { cookie: 'ek_staff=forged-session-value' });
    socket.send({ type: 'staff.hello' });
    expect(await socket.next('error')).toMatchObject({ code: 'unauthenticated', fatal: true });
    await socket.closed;
  });

  it('ignores the staff cookie on a socket opened from another origin', async () => {
    const staff = await signedInStaff(server);
    const socket = await TestSocket.open(server.wsUrl, { cookie: staff.cookie, origin: 'https://evil.example' });
    socket.send({ type: 'staff.hello' });
    expect(await socket.next('error')).toMatchObject({ code: 'unauthenticated' });
  });

  it('stops reading a socket that sends faster than its frames are handled, and answers every one of them', async () => {
    const started = await startConversation(server);
    const { socket } = await connectVisitor(server, started.token);
    const clientIds = Array.from({ length: 300 }, () => randomUUID());
    for (const [i, clientId] of clientIds.entries()) socket.send({ type: 'message.send', clientId, body: `burst ${i}` });
    for (const clientId of clientIds) await socket.next('ack', (f) => f.clientId === clientId, 20_000);
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
  }, 30_000);

  it('closes a socket that never says who it is', async () => {
    const socket = await TestSocket.open(server.wsUrl);
    const { code } = await socket.closed;
    expect(code).toBe(1008);
  }, 15_000);

  it('forgets a socket that closes before its hello has been answered', async () => {
    const started = await startConversation(server);
    const before = server.app.hub.connectionCount;
    const sockets = await Promise.all(Array.from({ length: 10 }, () => TestSocket.open(server.wsUrl)));
    for (const socket of sockets) {
      socket.send({ type: 'visitor.hello', token: started.token, lastSeq: 0 });
      socket.close();
    }
    await Promise.all(sockets.map((socket) => socket.closed));
    await expect.poll(() => server.app.hub.connectionCount).toBe(before);
  });
});

describe.each(databaseTargets)('WebSocket message rate limit on $engine', (target) => {
  const suiteServer = serverForSuite(target, { ...TEST_ENV, MESSAGES_PER_MINUTE: '5' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('limits messages per minute per sender with rate_limited, storing none of the extra', async () => {
    const staff = await signedInStaff(server);
    await connectStaff(server, staff.cookie);
    const started = await startConversation(server);
    const { socket } = await connectVisitor(server, started.token);
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const clientId = randomUUID();
      socket.send({ type: 'message.send', clientId, body: `message ${i}` });
      const reply = await Promise.race([socket.next('ack', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)]);
      results.push(reply.type === 'ack' ? 'ack' : reply.code);
    }
    expect(results).toEqual(['ack', 'ack', 'ack', 'ack', 'ack', 'rate_limited']);
    const conversation = await server.app.conversations.findByToken(started.token);
    expect(await server.app.conversations.messagesAfter(conversation.id, 0)).toHaveLength(6);
  });
});
