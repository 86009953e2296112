import { describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, ServerFrame } from '../../../src/shared/protocol';
import {
  type DeskState,
  closedWhileAway,
  deskReducer,
  initialDeskState,
  myConversations,
  resumeSeq,
  syncRequests,
  waitingQueue,
} from '../../../src/web/console/desk-state';
import { applyFrames, conversationId, conversationSummary, staffUser } from './desk-fixtures';

const me = staffUser();
const colleague = { id: '00000000-0000-4000-8000-000000000002', name: 'Piotr' };
const clientId = '20000000-0000-4000-8000-000000000001';

const summary = conversationSummary;

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    seq,
    clientId: null,
    author: 'visitor',
    authorName: 'Olena',
    body: `message ${seq}`,
    event: null,
    sentAt: '2025-03-03T10:01:00.000Z',
    ...overrides,
  };
}

const welcomed = (conversations: ConversationSummary[] = []) =>
  applyFrames(initialDeskState, { type: 'welcome.staff', user: me, conversations });

const mine = summary({ status: 'active', assignee: { id: me.id, name: me.name } });

describe('desk state', () => {
  it('lists waiting conversations oldest first', () => {
    const newer = summary({ id: '10000000-0000-4000-8000-000000000002', waitingSince: '2025-03-03T10:05:00.000Z' });
    const state = welcomed([newer, summary()]);
    expect(waitingQueue(state).map((c) => c.id)).toEqual([conversationId, newer.id]);
  });

  it('signals a newly waiting conversation once', () => {
    const state = applyFrames(welcomed(), { type: 'conversation.updated', conversation: summary() });
    expect(state.arrival).toMatchObject({ serial: 1, conversation: { id: conversationId } });
    const again = applyFrames(state, { type: 'conversation.updated', conversation: summary({ lastSeq: 2 }) });
    expect(again.arrival?.serial).toBe(1);
  });

  it('moves a taken conversation to my list and selects it', () => {
    let state = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    state = applyFrames(state, { type: 'conversation.updated', conversation: mine });
    expect(waitingQueue(state)).toEqual([]);
    expect(myConversations(state).map((c) => c.id)).toEqual([conversationId]);
    expect(state.selectedId).toBe(conversationId);
    expect(state.takingIds).toEqual([]);
  });

  it('drops a conversation a colleague took and explains an already_taken answer', () => {
    let state = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    state = applyFrames(
      state,
      { type: 'conversation.updated', conversation: summary({ status: 'active', assignee: colleague }) },
      { type: 'error', code: 'already_taken', conversationId },
    );
    expect(state.conversations).toEqual({});
    expect(state.takingIds).toEqual([]);
    expect(state.notice).toEqual({ code: 'already_taken', conversationId });
  });

  it('keeps my closed conversation for reading but not in my list', () => {
    const closed = { ...mine, status: 'closed' as const, outcome: 'answered' as const };
    const state = applyFrames(welcomed([mine]), { type: 'conversation.updated', conversation: closed });
    expect(state.conversations[conversationId]?.status).toBe('closed');
    expect(myConversations(state)).toEqual([]);
    expect(welcomed([]).conversations).toEqual({});
    expect(applyFrames(state, { type: 'welcome.staff', user: me, conversations: [] }).conversations).toHaveProperty(
      conversationId,
    );
  });

  it('merges history and live messages in seq order without duplicates', () => {
    const state = applyFrames(
      welcomed([mine]),
      { type: 'message', conversationId, message: message(3) },
      { type: 'history', conversationId, messages: [message(1), message(2), message(3)] },
      { type: 'message', conversationId, message: message(2) },
    );
    expect(state.messages[conversationId]?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(resumeSeq(state, conversationId)).toBe(3);
    expect(resumeSeq(state, 'unknown')).toBe(0);
  });

  it('counts unread visitor messages outside the selected conversation', () => {
    let state = applyFrames(welcomed([mine]), { type: 'message', conversationId, message: message(1) });
    expect(state.unread[conversationId]).toBe(1);
    state = deskReducer(state, { type: 'select', conversationId });
    state = applyFrames(state, { type: 'message', conversationId, message: message(2) });
    expect(state.unread[conversationId]).toBe(0);
  });

  it('leaves errors about one outgoing message to the outbox', () => {
    const state = applyFrames(welcomed([mine]), { type: 'error', code: 'message_too_long', clientId, conversationId });
    expect(state.notice).toBeNull();
  });

  it('announces a visitor message that arrives live, but not one loaded with a history', () => {
    let state = applyFrames(welcomed([mine]), { type: 'history', conversationId, messages: [message(1), message(2)] });
    expect(state.incoming).toBeNull();
    state = applyFrames(state, { type: 'message', conversationId, message: message(3) });
    expect(state.incoming).toEqual({ conversationId, message: message(3) });
    const again = applyFrames(state, { type: 'message', conversationId, message: message(3) });
    expect(again.incoming).toBe(state.incoming);
    const staff = applyFrames(state, { type: 'message', conversationId, message: message(4, { author: 'staff' }) });
    expect(staff.incoming?.message.seq).toBe(3);
  });
});

describe('desk state: history and resume', () => {
  /** Runs frames as use-desk does: each frame, then the syncs it calls for, marked as under way. */
  function run(state: DeskState, ...frames: ServerFrame[]): { state: DeskState; syncs: unknown[] } {
    const syncs: unknown[] = [];
    for (const frame of frames) {
      const after = deskReducer(state, { type: 'frame', frame });
      const requests = syncRequests(state, frame, after);
      syncs.push(...requests);
      state = deskReducer(after, { type: 'syncing', conversationIds: requests.map((r) => r.conversationId) });
    }
    return { state, syncs };
  }

  it('resumes from the last seq received in a message or history, never from an ack', () => {
    let state = applyFrames(welcomed([mine]), { type: 'history', conversationId, messages: [message(1), message(2)] });
    state = applyFrames(state, { type: 'message', conversationId, message: message(3) });
    state = deskReducer(state, {
      type: 'delivered',
      conversationId,
      message: message(5, { author: 'staff', clientId }),
    });
    expect(state.messages[conversationId]?.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
    expect(resumeSeq(state, conversationId)).toBe(3);
    const { syncs } = run(state, { type: 'welcome.staff', user: me, conversations: [mine] });
    expect(syncs).toEqual([{ conversationId, lastSeq: 3 }]);
  });

  it('asks for the whole history when a conversation becomes mine in another tab, once', () => {
    const other = run(welcomed([summary()]), {
      type: 'message',
      conversationId,
      message: message(2, { author: 'system', event: 'consultant_joined' }),
    });
    // A live message before the history leaves a gap below it: it does not move the resume point.
    expect(resumeSeq(other.state, conversationId)).toBe(0);
    const { state, syncs } = run(
      other.state,
      { type: 'conversation.updated', conversation: mine },
      { type: 'conversation.updated', conversation: { ...mine, lastSeq: 3 } },
    );
    expect(syncs).toEqual([{ conversationId, lastSeq: 0 }]);
    expect(state.syncingIds).toEqual([conversationId]);
    expect(state.selectedId).toBeNull();

    const loaded = run(state, { type: 'history', conversationId, messages: [message(1), message(2), message(3)] });
    expect(loaded.state.syncingIds).toEqual([]);
    expect(resumeSeq(loaded.state, conversationId)).toBe(3);
    expect(run(loaded.state, { type: 'conversation.updated', conversation: mine }).syncs).toEqual([]);
  });

  it('does not sync what it is taking: the answer to the take brings the history', () => {
    const taking = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    const updated = run(taking, { type: 'conversation.updated', conversation: mine });
    expect(updated.syncs).toEqual([]);
    expect(updated.state.selectedId).toBe(conversationId);
    const loaded = run(updated.state, { type: 'history', conversationId, messages: [message(1), message(2)] });
    expect(loaded.state.syncingIds).toEqual([]);
    expect(resumeSeq(loaded.state, conversationId)).toBe(2);
  });

  it('treats already_taken for a conversation that is mine (taken in another tab) as no failure', () => {
    let state = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    state = applyFrames(
      state,
      { type: 'conversation.updated', conversation: mine },
      { type: 'error', code: 'already_taken', conversationId },
    );
    expect(state.notice).toBeNull();
    expect(myConversations(state).map((c) => c.id)).toEqual([conversationId]);
  });

  it('keeps a conversation that closed while disconnected, closed, and syncs its last messages', () => {
    const other = { ...mine, id: '10000000-0000-4000-8000-000000000009' };
    let state = applyFrames(welcomed([mine, other]), { type: 'history', conversationId, messages: [message(1), message(2)] });
    state = deskReducer(state, { type: 'select', conversationId });
    const welcome: ServerFrame = { type: 'welcome.staff', user: me, conversations: [other] };
    expect(closedWhileAway(state, welcome)).toEqual([conversationId]);

    const { state: after, syncs } = run(state, welcome);
    expect(after.conversations[conversationId]?.status).toBe('closed');
    expect(after.selectedId).toBe(conversationId);
    expect(myConversations(after).map((c) => c.id)).toEqual([other.id]);
    expect(syncs).toEqual([
      { conversationId, lastSeq: 2 },
      { conversationId: other.id, lastSeq: 0 },
    ]);

    const closing = message(3, { author: 'system', event: 'visitor_left' });
    const final = applyFrames(after, { type: 'history', conversationId, messages: [closing] });
    expect(final.messages[conversationId]?.map((m) => m.seq)).toEqual([1, 2, 3]);
    // A later welcome does not sync a conversation that was already closed before it.
    expect(run(final, welcome).syncs).toEqual([{ conversationId: other.id, lastSeq: 0 }]);
  });

  it('forgets syncs under way when the connection is replaced, and asks again', () => {
    const { state } = run(welcomed([]), { type: 'conversation.updated', conversation: mine });
    expect(state.syncingIds).toEqual([conversationId]);
    const again = run(state, { type: 'welcome.staff', user: me, conversations: [mine] });
    expect(again.syncs).toEqual([{ conversationId, lastSeq: 0 }]);
  });

  it('does not ask again and again for a history the server refused, until the next welcome', () => {
    const { state } = run(welcomed([]), { type: 'conversation.updated', conversation: mine });
    const refused = run(state, { type: 'error', code: 'not_assigned', conversationId });
    expect(refused.syncs).toEqual([]);
    expect(refused.state.notice).toEqual({ code: 'not_assigned', conversationId });
    const later = run(refused.state, { type: 'message', conversationId, message: message(4) });
    expect(later.syncs).toEqual([]);
    expect(run(later.state, { type: 'welcome.staff', user: me, conversations: [mine] }).syncs).toEqual([
      { conversationId, lastSeq: 0 },
    ]);
  });

  it('updates a delivered message in place when its translation arrives, and ignores one for a message it does not hold', () => {
    const translation = { status: 'unavailable', from: 'en', to: 'es', text: null } as const;
    const state = applyFrames(welcomed([mine]), { type: 'message', conversationId, message: message(1) }, { type: 'message', conversationId, message: message(2) });
    const marked = applyFrames(state, { type: 'message.translated', conversationId, seq: 2, translation });
    expect(marked.messages[conversationId]?.map((m) => m.translation)).toEqual([undefined, translation]);
    const translated = { status: 'translated', from: 'en', to: 'es', text: 'mensaje 2' } as const;
    const updated = applyFrames(marked, { type: 'message.translated', conversationId, seq: 2, translation: translated });
    expect(updated.messages[conversationId]?.map((m) => m.seq)).toEqual([1, 2]);
    expect(updated.messages[conversationId]?.[1]?.translation).toEqual(translated);
    const elsewhere = applyFrames(updated, { type: 'message.translated', conversationId: '10000000-0000-4000-8000-000000000009', seq: 1, translation });
    expect(elsewhere.messages).toEqual(updated.messages);
  });
});

describe('the visitor’s presence in the desk state', () => {
  const presence = (value: 'present' | 'away' | 'gone'): ServerFrame => ({ type: 'visitor.presence', conversationId, presence: value });

  it('holds the last presence told, and marks only a change after the first word as one to announce', () => {
    const first = applyFrames(welcomed([mine]), presence('present'));
    expect(first.presence).toEqual({ [conversationId]: 'present' });
    expect(first.presenceChange).toBeNull();

    const away = applyFrames(first, presence('away'));
    expect(away.presenceChange).toEqual({ conversationId, presence: 'away', serial: 1 });
    // The same again (a second tab, a resent frame) is no change.
    expect(applyFrames(away, presence('away'))).toBe(away);

    const gone = applyFrames(away, presence('gone'));
    expect(gone.presence[conversationId]).toBe('gone');
    expect(gone.presenceChange).toEqual({ conversationId, presence: 'gone', serial: 2 });
  });
});
