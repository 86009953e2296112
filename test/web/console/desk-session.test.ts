import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../../src/shared/protocol';
import { DeskSession } from '../../../src/web/console/desk-session';
import { FakeSocket, installFakeBrowser } from '../fake-browser';
import { conversationId, conversationSummary, staffUser } from './desk-fixtures';

const anna = staffUser();
const annasConversation = conversationSummary({ status: 'active', waitingSince: null, assignee: { id: anna.id, name: anna.name } });
const sentAt = '2025-03-03T10:01:00.000Z';

describe('DeskSession', () => {
  let session: DeskSession;
  let changes: number;
  let ended: number;

  const sent = () => FakeSocket.instances.flatMap((socket) => socket.sent) as { type: string; clientId?: string }[];
  const welcome = (conversations = [annasConversation]) => {
    FakeSocket.latest().open();
    FakeSocket.latest().receive({ type: 'welcome.staff', user: anna, conversations });
  };

  beforeEach(() => {
    vi.useFakeTimers();
    installFakeBrowser();
    changes = 0;
    ended = 0;
    session = new DeskSession({ onChange: () => changes++, onSessionEnded: () => ended++ });
    session.start();
  });

  afterEach(() => {
    session.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says hello, then waits for the histories the server sends after the welcome without asking per conversation', () => {
    expect(session.connectionState).toBe('connecting');
    welcome();
    expect(session.connectionState).toBe('open');
    expect(sent()).toEqual([{ type: 'staff.hello', resume: [] }]);
    expect(session.state.me).toEqual(anna);
    expect(session.state.syncingIds).toEqual([conversationId]);
    expect(changes).toBeGreaterThan(0);
  });

  it('resumes every conversation in its one hello, each from the last seq up to which it holds all', () => {
    welcome();
    const visitorMessage = (seq: number) => ({ seq, clientId: null, author: 'visitor' as const, authorName: 'Oksana', body: `m${seq}`, event: null, sentAt });
    FakeSocket.latest().receive({ type: 'history', conversationId, messages: [visitorMessage(1), visitorMessage(2)] });
    // Seq 4 overtook seq 3 (another instance published first): resuming from 4 would skip 3 for good.
    FakeSocket.latest().receive({ type: 'message', conversationId, message: visitorMessage(4) });
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(10_000);
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent).toEqual([{ type: 'staff.hello', resume: [{ conversationId, lastSeq: 2 }] }]);
  });

  it('sends a message written while offline after the welcome, and logs it on ack', () => {
    session.actions.send(conversationId, 'Dzień dobry');
    expect(session.pending(conversationId)).toMatchObject([{ body: 'Dzień dobry' }]);
    welcome();
    const message = sent().find((frame) => frame.type === 'message.send');
    expect(message).toMatchObject({ conversationId, body: 'Dzień dobry' });

    FakeSocket.latest().receive({ type: 'ack', conversationId, clientId: message!.clientId!, seq: 2, sentAt });
    expect(session.pending(conversationId)).toEqual([]);
    expect(session.state.messages[conversationId]).toMatchObject([{ seq: 2, author: 'staff', authorName: 'Anna', body: 'Dzień dobry' }]);
  });

  it('marks a message failed when the server refuses it', () => {
    welcome();
    session.actions.send(conversationId, 'Za długo');
    const { clientId } = session.pending(conversationId)[0]!;
    FakeSocket.latest().receive({ type: 'error', code: 'rate_limited', clientId });
    expect(session.pending(conversationId)).toMatchObject([{ clientId, status: 'failed' }]);
  });

  it('takes a waiting conversation: marked as being taken and asked of the server', () => {
    welcome([conversationSummary()]);
    session.actions.take(conversationId);
    expect(session.state.takingIds).toEqual([conversationId]);
    expect(sent().at(-1)).toEqual({ type: 'conversation.take', conversationId });
  });

  it('lets views hear every frame, and ends the session when the server no longer knows it', () => {
    const heard: ServerFrame['type'][] = [];
    const stop = session.actions.listen((frame) => heard.push(frame.type));
    welcome();
    FakeSocket.latest().receive({ type: 'error', code: 'unauthenticated' });
    stop();
    expect(heard).toEqual(['welcome.staff', 'error']);
    expect(ended).toBe(1);
  });
});
