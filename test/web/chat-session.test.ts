import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/shared/protocol';
import { Outbox } from '../../src/web/common/outbox';
import { memoryStorage, type KeyValueStorage } from '../../src/web/common/storage';
import { ChatSession, type ChatSnapshot } from '../../src/web/visitor/chat-session';
import { OUTBOX_KEY, readSession, writeSession } from '../../src/web/visitor/session';
import { FakeSocket, installFakeBrowser } from './fake-browser';
import { TOKEN, visitorConversation } from './visitor-fixtures';

const conversation = visitorConversation();
const sentAt = '2025-03-03T10:01:00.000Z';
const staffMessage = (seq: number): Message => ({
  seq,
  clientId: null,
  author: 'staff',
  authorName: 'Anna',
  body: `answer ${seq}`,
  event: null,
  sentAt,
});

describe('ChatSession', () => {
  let storage: KeyValueStorage;
  let snapshot: ChatSnapshot;
  let lost: string[];
  let session: ChatSession;
  let browserWindow: EventTarget;

  const createSession = () => {
    session = new ChatSession({
      token: TOKEN,
      storage,
      onChange: (next) => (snapshot = next),
      onLost: (code) => lost.push(code),
    });
    session.start();
  };
  const welcome = (missed: Message[] = []) => {
    FakeSocket.latest().open();
    FakeSocket.latest().receive({ type: 'welcome.visitor', conversation, missed });
  };
  const sentBodies = () =>
    FakeSocket.instances
      .flatMap((socket) => socket.sent)
      .filter((frame) => (frame as { type: string }).type === 'message.send');

  beforeEach(() => {
    vi.useFakeTimers();
    browserWindow = installFakeBrowser().window;
    storage = memoryStorage();
    writeSession(storage, { token: TOKEN, lastSeq: 0 });
    lost = [];
    createSession();
  });

  afterEach(() => {
    session.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends a message typed before the connection opened, once, after the welcome', () => {
    session.send('Dzień dobry');
    expect(snapshot.pending).toMatchObject([{ body: 'Dzień dobry', status: 'sending' }]);
    expect(sentBodies()).toEqual([]);
    welcome();
    expect(sentBodies()).toMatchObject([{ body: 'Dzień dobry' }]);
  });

  it('shows the message delivered on ack and keeps it once the server echoes it', () => {
    welcome();
    session.send('Pytanie');
    const { clientId } = snapshot.pending[0]!;
    FakeSocket.latest().receive({ type: 'ack', clientId, seq: 2, sentAt });
    expect(snapshot.pending).toEqual([]);
    expect(snapshot.messages).toMatchObject([{ seq: 2, author: 'visitor', body: 'Pytanie', authorName: 'Olena' }]);
    FakeSocket.latest().receive({
      type: 'message',
      message: { seq: 2, clientId, author: 'visitor', authorName: 'Olena', body: 'Pytanie', event: null, sentAt },
    });
    expect(snapshot.messages).toHaveLength(1);
  });

  it('re-sends an unacknowledged message after a reconnect, and the replayed copy settles it', () => {
    welcome();
    session.send('Czy mogę złożyć wniosek?');
    const { clientId } = snapshot.pending[0]!;
    FakeSocket.latest().drop();
    vi.runOnlyPendingTimers();
    const body = 'Czy mogę złożyć wniosek?';
    const mine: Message = { seq: 1, clientId, author: 'visitor', authorName: 'Olena', body, event: null, sentAt };
    welcome([mine]);
    expect(snapshot.pending).toEqual([]);
    expect(sentBodies()).toHaveLength(1);
    expect(snapshot.messages).toEqual([mine]);
  });

  it('takes a backlog in pages after the welcome and resumes after the last page it got', () => {
    welcome([staffMessage(1), staffMessage(2)]);
    FakeSocket.latest().receive({ type: 'history', conversationId: '10000000-0000-4000-8000-000000000001', messages: [staffMessage(3), staffMessage(4)] });
    expect(snapshot.messages.map((message) => message.seq)).toEqual([1, 2, 3, 4]);
    FakeSocket.latest().drop();
    vi.runOnlyPendingTimers();
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent[0]).toEqual({ type: 'visitor.hello', token: TOKEN, lastSeq: 4 });
  });

  it('resumes below a live message that came before a missing one, until the missing one arrives', () => {
    welcome([staffMessage(1)]);
    const helloAfterReconnect = () => {
      FakeSocket.latest().drop();
      vi.runOnlyPendingTimers();
      FakeSocket.latest().open();
      return FakeSocket.latest().sent[0];
    };
    FakeSocket.latest().receive({ type: 'message', message: staffMessage(3) });
    expect(helloAfterReconnect()).toEqual({ type: 'visitor.hello', token: TOKEN, lastSeq: 1 });
    expect(readSession(storage)).toEqual({ token: TOKEN, lastSeq: 1 });

    FakeSocket.latest().receive({ type: 'welcome.visitor', conversation, missed: [] });
    FakeSocket.latest().receive({ type: 'message', message: staffMessage(3) });
    FakeSocket.latest().receive({ type: 'message', message: staffMessage(2) });
    expect(helloAfterReconnect()).toEqual({ type: 'visitor.hello', token: TOKEN, lastSeq: 3 });
    expect(snapshot.messages.map((message) => message.seq)).toEqual([1, 2, 3]);
  });

  it('resumes above its own acknowledged message, which the server never echoes to it', () => {
    welcome([staffMessage(1)]);
    session.send('Czy mogę złożyć wniosek?');
    const { clientId } = snapshot.pending[0]!;
    FakeSocket.latest().receive({ type: 'ack', clientId, seq: 2, sentAt });
    FakeSocket.latest().receive({ type: 'message', message: staffMessage(3) });
    FakeSocket.latest().drop();
    vi.runOnlyPendingTimers();
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent[0]).toEqual({ type: 'visitor.hello', token: TOKEN, lastSeq: 3 });
  });

  it('sends a message the server was too busy for again after the delay it asked, as a resend', () => {
    welcome();
    session.send('Czy mogę złożyć wniosek?');
    const { clientId } = snapshot.pending[0]!;
    FakeSocket.latest().receive({ type: 'error', code: 'busy', clientId, retryAfterMs: 1_000 });
    expect(snapshot.pending).toMatchObject([{ clientId, status: 'sending' }]);
    vi.advanceTimersByTime(2_000);
    expect(sentBodies()).toEqual([
      { type: 'message.send', clientId, body: 'Czy mogę złożyć wniosek?' },
      { type: 'message.send', clientId, body: 'Czy mogę złożyć wniosek?', resent: true },
    ]);
  });

  it('survives a reload: the outbox and the token come back from storage', () => {
    session.send('offline message');
    session.stop();
    createSession();
    expect(snapshot.pending).toMatchObject([{ body: 'offline message' }]);
    welcome();
    expect(sentBodies().at(-1)).toMatchObject({ body: 'offline message' });
  });

  it('resumes from the last message received, not from an acked one', () => {
    welcome([staffMessage(1)]);
    session.send('mine');
    FakeSocket.latest().receive({ type: 'ack', clientId: snapshot.pending[0]!.clientId, seq: 3, sentAt });
    FakeSocket.latest().drop();
    vi.runOnlyPendingTimers();
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent[0]).toEqual({ type: 'visitor.hello', token: TOKEN, lastSeq: 1 });
    expect(readSession(storage)).toEqual({ token: TOKEN, lastSeq: 1 });
  });

  it('announces new messages from others, but not history read before a reload', () => {
    writeSession(storage, { token: TOKEN, lastSeq: 2 });
    session.stop();
    createSession();
    welcome([staffMessage(1), staffMessage(2)]);
    expect(snapshot.latestIncoming).toBeNull();
    FakeSocket.latest().receive({ type: 'message', message: staffMessage(3) });
    expect(snapshot.latestIncoming?.seq).toBe(3);
  });

  it('marks a refused message failed, and retry sends it again', () => {
    welcome();
    session.send('x'.repeat(10));
    const { clientId } = snapshot.pending[0]!;
    FakeSocket.latest().receive({ type: 'error', code: 'rate_limited', clientId });
    expect(snapshot.pending).toMatchObject([{ status: 'failed', error: 'rate_limited' }]);
    session.retry(clientId);
    expect(snapshot.pending).toMatchObject([{ status: 'sending', error: null }]);
    expect(sentBodies()).toHaveLength(2);
  });

  it('gives up the conversation when the server no longer knows it', () => {
    welcome();
    FakeSocket.latest().receive({ type: 'error', code: 'conversation_not_found', fatal: true });
    expect(lost).toEqual(['conversation_not_found']);
    expect(snapshot.connection).toBe('closed');
  });

  it('shows other errors as a notice', () => {
    welcome();
    FakeSocket.latest().receive({ type: 'error', code: 'conversation_closed' });
    expect(snapshot.notice).toBe('conversation_closed');
    session.dismissNotice();
    expect(snapshot.notice).toBeNull();
  });

  it('keeps the messages another tab of the conversation queued, and shows them', () => {
    welcome();
    session.send('from this tab');
    new Outbox(storage, OUTBOX_KEY).add('from another tab');
    browserWindow.dispatchEvent(Object.assign(new Event('storage'), { key: OUTBOX_KEY }));
    expect(snapshot.pending.map((message) => message.body)).toEqual(['from this tab', 'from another tab']);
    session.send('and one more');
    expect(new Outbox(storage, OUTBOX_KEY).items).toHaveLength(3);
  });
});
