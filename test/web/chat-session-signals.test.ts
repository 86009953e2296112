import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/shared/protocol';
import { memoryStorage } from '../../src/web/common/storage';
import { ChatSession, type ChatSnapshot } from '../../src/web/visitor/chat-session';
import { writeSession } from '../../src/web/visitor/session';
import { FakeSocket, installFakeBrowser } from './fake-browser';
import { TOKEN, visitorConversation } from './visitor-fixtures';

const conversation = visitorConversation({ status: 'active', consultantName: 'Anna', lastSeq: 3, readSeq: 2 });
const staffMessage: Message = { seq: 4, clientId: null, author: 'staff', authorName: 'Anna', body: 'Tak', event: null, sentAt: '2025-03-03T10:01:00.000Z' };

describe('ChatSession: typing and read receipts', () => {
  let snapshot: ChatSnapshot;
  let session: ChatSession;

  beforeEach(() => {
    vi.useFakeTimers();
    installFakeBrowser();
    const storage = memoryStorage();
    writeSession(storage, { token: TOKEN, lastSeq: 0 });
    session = new ChatSession({ token: TOKEN, storage, onChange: (next) => (snapshot = next), onLost: () => {} });
    session.start();
    FakeSocket.latest().open();
    FakeSocket.latest().receive({ type: 'welcome.visitor', conversation, missed: [] });
  });

  afterEach(() => {
    session.stop();
    vi.useRealTimers();
  });

  it('knows how far staff have read from the welcome, and only ever moves forward', () => {
    expect(snapshot.readSeq).toBe(2);
    FakeSocket.latest().receive({ type: 'read', seq: 3 });
    expect(snapshot.readSeq).toBe(3);
    FakeSocket.latest().receive({ type: 'read', seq: 1 });
    FakeSocket.latest().receive({ type: 'visitor.conversation.updated', conversation: { ...conversation, readSeq: 0 } });
    expect(snapshot.readSeq).toBe(3);
  });

  it('shows the consultant typing until they stop or their message arrives', () => {
    FakeSocket.latest().receive({ type: 'typing', author: 'staff', active: true });
    expect(snapshot.staffTyping?.active).toBe(true);
    FakeSocket.latest().receive({ type: 'message', message: staffMessage });
    expect(snapshot.staffTyping?.active).toBe(false);
    FakeSocket.latest().receive({ type: 'typing', author: 'staff', active: true });
    FakeSocket.latest().receive({ type: 'typing', author: 'staff', active: false });
    expect(snapshot.staffTyping?.active).toBe(false);
  });

  it('tells the consultant that the visitor types', () => {
    expect(session.typing(true)).toBe(true);
    expect(FakeSocket.latest().sent).toContainEqual({ type: 'typing', active: true });
  });
});
