import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { liveConversation } from '../../support/live-conversation';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };

describe.each(databaseTargets)('text consultation on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function countMessages(conversationToken: string): Promise<number> {
    const conversation = await server.app.conversations.findByToken(conversationToken);
    return (await server.app.conversations.messagesAfter(conversation.id, 0)).length;
  }

  it('lets a visitor and a consultant exchange messages both ways, acknowledged with one order', async () => {
    const { consultant, visitor, conversationId, staff } = await liveConversation(server);
    const secondTab = (await connectStaff(server, staff.cookie)).socket;

    const visitorClientId = randomUUID();
    visitor.send({ type: 'message.send', clientId: visitorClientId, body: 'Straciłem pracę, co teraz?' });
    const visitorAck = await visitor.next('ack', (f) => f.clientId === visitorClientId);
    const atConsultant = await consultant.next('message', (f) => f.message.clientId === visitorClientId);
    expect(atConsultant.conversationId).toBe(conversationId);
    expect(atConsultant.message).toMatchObject({ seq: visitorAck.seq, author: 'visitor', body: 'Straciłem pracę, co teraz?' });

    const staffClientId = randomUUID();
    consultant.send({ type: 'message.send', conversationId, clientId: staffClientId, body: 'Masz 15 dni roboczych na zawiadomienie.' });
    const staffAck = await consultant.next('ack', (f) => f.clientId === staffClientId);
    const atVisitor = await visitor.next('message', (f) => f.message.clientId === staffClientId);
    expect(atVisitor.message).toMatchObject({ seq: staffAck.seq, author: 'staff', authorName: 'Anna' });
    expect(atVisitor.message).not.toHaveProperty('authorId');
    const atAuthorsOtherTab = await secondTab.next('message', (f) => f.message.clientId === staffClientId);
    expect(atAuthorsOtherTab.message).toMatchObject({ seq: staffAck.seq, authorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(staffAck.seq).toBe(visitorAck.seq + 1);
    // The sending socket has the seq from its ack and is not sent its own message back: the
    // visitor's next message reaches it, and nothing of its own came before.
    const laterClientId = randomUUID();
    visitor.send({ type: 'message.send', clientId: laterClientId, body: 'Dziękuję.' });
    await consultant.next('message', (f) => f.message.clientId === laterClientId);
    expect(consultant.received.some((f) => f.type === 'message' && f.message.clientId === staffClientId)).toBe(false);
    expect(visitor.received.some((f) => f.type === 'message' && f.message.clientId === visitorClientId)).toBe(false);

    const seqsAtVisitor = visitor.received.flatMap((f) => (f.type === 'message' ? [f.message.seq] : []));
    const seqsAtConsultant = consultant.received.flatMap((f) => (f.type === 'message' && f.conversationId === conversationId ? [f.message.seq] : []));
    // Each side receives the other's messages in one order, the order of the seqs.
    const ascending = (seqs: number[]) => [...seqs].sort((a, b) => a - b);
    expect(seqsAtVisitor).toEqual(ascending(seqsAtVisitor));
    expect(seqsAtConsultant).toEqual(ascending(seqsAtConsultant));
  });

  it('stores a resent message once, acknowledges it with the same sequence number, and announces it again under that number', async () => {
    const { consultant, visitor, token } = await liveConversation(server);
    const before = await countMessages(token);
    const clientId = randomUUID();
    const announced: number[] = [];
    const stop = server.bus.subscribe((event) => {
      if (event.kind === 'message' && event.message.clientId === clientId) announced.push(event.message.seq);
    });
    visitor.send({ type: 'message.send', clientId, body: 'hello' });
    visitor.send({ type: 'message.send', clientId, body: 'hello' });
    const first = await visitor.next('ack', (f) => f.clientId === clientId);
    const second = await visitor.next('ack', (f) => f.clientId === clientId);
    stop();
    expect(second.seq).toBe(first.seq);
    expect(await countMessages(token)).toBe(before + 1);
    // The first announcement may have died with another instance; the resend repeats it, same seq.
    expect(announced).toEqual([first.seq, first.seq]);
    // A socket that carried the message already does not show it a second time.
    consultant.send({ type: 'ping' });
    await consultant.next('pong');
    expect(consultant.received.filter((f) => f.type === 'message' && f.message.clientId === clientId)).toHaveLength(1);
  });

  it('de-duplicates concurrent resends of one client id through the unique key', async () => {
    const { token } = await liveConversation(server);
    const sockets = await Promise.all([1, 2, 3, 4].map(async () => (await connectVisitor(server, token)).socket));
    const clientId = randomUUID();
    for (const socket of sockets) socket.send({ type: 'message.send', clientId, body: 'same message from four tabs' });
    const acks = await Promise.all(sockets.map((socket) => socket.next('ack', (f) => f.clientId === clientId)));
    expect(new Set(acks.map((a) => a.seq)).size).toBe(1);
    const conversation = await server.app.conversations.findByToken(token);
    const stored = await server.app.conversations.messagesAfter(conversation.id, 0);
    expect(stored.filter((m) => m.client_id === clientId)).toHaveLength(1);
  });

  it('replays what a reconnecting visitor missed after the last sequence it saw', async () => {
    const { consultant, visitor, token, conversationId } = await liveConversation(server);
    const seen = (await connectVisitor(server, token)).welcome.conversation.lastSeq;
    visitor.close();
    for (const body of ['one', 'two', 'three']) {
      const clientId = randomUUID();
      consultant.send({ type: 'message.send', conversationId, clientId, body });
      await consultant.next('ack', (f) => f.clientId === clientId);
    }
    const { welcome } = await connectVisitor(server, token, seen);
    expect(welcome.missed.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(welcome.missed.filter((m) => 'authorId' in m)).toEqual([]);
    expect(welcome.missed.map((m) => m.seq)).toEqual([seen + 1, seen + 2, seen + 3]);
    const full = await connectVisitor(server, token, 0);
    expect(full.welcome.missed[0]).toMatchObject({ seq: 1, author: 'system', event: 'conversation_started' });
    expect(full.welcome.missed.at(-1)?.seq).toBe(seen + 3);
  });

  it('gives a conversation to exactly one of two consultants who take it at once', async () => {
    const [a, b] = await Promise.all([signedInStaff(server), signedInStaff(server)]);
    const [consultantA, consultantB] = await Promise.all([connectStaff(server, a.cookie), connectStaff(server, b.cookie)]);
    for (let round = 0; round < 10; round++) {
      await startConversation(server);
      const { conversation } = await consultantA.socket.next('conversation.updated', (f) => f.conversation.status === 'waiting');
      consultantA.socket.send({ type: 'conversation.take', conversationId: conversation.id });
      consultantB.socket.send({ type: 'conversation.take', conversationId: conversation.id });
      const outcomes = await Promise.all(
        [consultantA.socket, consultantB.socket].map((socket) =>
          Promise.race([
            socket.next('history', (f) => f.conversationId === conversation.id).then(() => 'took'),
            socket.next('error', (f) => f.conversationId === conversation.id).then((f) => f.code),
          ]),
        ),
      );
      expect(outcomes.sort()).toEqual(['already_taken', 'took']);
    }
  });

  it('refuses a message over the limit, stores nothing, and keeps the connection usable', async () => {
    const { visitor, token } = await liveConversation(server);
    const before = await countMessages(token);
    const clientId = randomUUID();
    visitor.send({ type: 'message.send', clientId, body: 'x'.repeat(4001) });
    expect(await visitor.next('error', (f) => f.clientId === clientId)).toMatchObject({ code: 'message_too_long' });
    visitor.send({ type: 'message.send', clientId: randomUUID(), body: '   ' });
    expect(await visitor.next('error')).toMatchObject({ code: 'empty_message' });
    expect(await countMessages(token)).toBe(before);
    const ok = randomUUID();
    visitor.send({ type: 'message.send', clientId: ok, body: 'x'.repeat(4000) });
    await visitor.next('ack', (f) => f.clientId === ok);
  });

  it('does not let a consultant write into a conversation assigned to someone else', async () => {
    const { conversationId, token } = await liveConversation(server);
    const other = await signedInStaff(server);
    const { socket } = await connectStaff(server, other.cookie);
    const before = await countMessages(token);
    const clientId = randomUUID();
    socket.send({ type: 'message.send', conversationId, clientId, body: 'not mine' });
    expect(await socket.next('error', (f) => f.clientId === clientId)).toMatchObject({ code: 'not_assigned' });
    socket.send({ type: 'conversation.sync', conversationId, lastSeq: 0 });
    expect(await socket.next('error', (f) => f.conversationId === conversationId)).toMatchObject({ code: 'not_assigned' });
    expect(await countMessages(token)).toBe(before);
  });

  it('closes a conversation with topic and outcome, and refuses messages afterwards', async () => {
    const { consultant, visitor, conversationId, token } = await liveConversation(server);
    consultant.send({ type: 'conversation.close', conversationId, topic: 'residence_card', outcome: 'referred' });
    const closed = await consultant.next('conversation.updated', (f) => f.conversation.id === conversationId && f.conversation.status === 'closed');
    expect(closed.conversation).toMatchObject({ topic: 'residence_card', outcome: 'referred' });
    const notice = await visitor.next('message', (f) => f.message.event === 'conversation_closed');
    expect(notice.message.author).toBe('system');
    await visitor.next('visitor.conversation.updated', (f) => f.conversation.status === 'closed');

    const before = await countMessages(token);
    const clientId = randomUUID();
    visitor.send({ type: 'message.send', clientId, body: 'one more thing' });
    expect(await visitor.next('error', (f) => f.clientId === clientId)).toMatchObject({ code: 'conversation_closed' });
    expect(await countMessages(token)).toBe(before);
  });

  it('lets the visitor end the conversation, recorded as "visitor left"', async () => {
    const { consultant, visitor, conversationId } = await liveConversation(server);
    visitor.send({ type: 'conversation.end' });
    const update = await consultant.next('conversation.updated', (f) => f.conversation.id === conversationId && f.conversation.status === 'closed');
    expect(update.conversation.outcome).toBe('visitor_left');
    await consultant.next('message', (f) => f.message.event === 'visitor_left');
  });

  it('lists the waiting queue and only the consultant’s own conversations on hello', async () => {
    const { staff } = await liveConversation(server);
    const waiting = await startConversation(server, { language: 'ru' });
    const { welcome } = await connectStaff(server, staff.cookie);
    const statuses = welcome.conversations.map((c) => c.status);
    expect(statuses).toContain('waiting');
    expect(welcome.conversations.every((c) => c.status === 'waiting' || c.assignee?.id === staff.user.id)).toBe(true);
    expect(welcome.conversations.some((c) => c.language === 'ru' && c.status === 'waiting')).toBe(true);
    expect(waiting.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('treats a take of a conversation already assigned to the same consultant (a second tab) as success', async () => {
    const staff = await signedInStaff(server);
    const [tab1, tab2] = await Promise.all([connectStaff(server, staff.cookie), connectStaff(server, staff.cookie)]);
    await startConversation(server, { visitorName: 'Two tabs' });
    const { conversation } = await tab1.socket.next('conversation.updated', (f) => f.conversation.visitorName === 'Two tabs');
    tab1.socket.send({ type: 'conversation.take', conversationId: conversation.id });
    await tab1.socket.next('history', (f) => f.conversationId === conversation.id);
    tab2.socket.send({ type: 'conversation.take', conversationId: conversation.id });
    const history = await tab2.socket.next('history', (f) => f.conversationId === conversation.id);
    expect(history.messages.filter((m) => m.event === 'consultant_joined')).toHaveLength(1);
  });
});
