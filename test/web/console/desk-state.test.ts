import { describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, ServerFrame, StaffUser } from '../../../src/shared/protocol';
import {
  type DeskState,
  deskReducer,
  initialDeskState,
  lastSeq,
  myConversations,
  waitingQueue,
} from '../../../src/web/console/desk-state';

const me: StaffUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'anna@example.org',
  name: 'Anna',
  role: 'consultant',
  languages: ['pl', 'en'],
};
const colleague = { id: '00000000-0000-4000-8000-000000000002', name: 'Piotr' };
const conversationId = '10000000-0000-4000-8000-000000000001';
const clientId = '20000000-0000-4000-8000-000000000001';

function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: conversationId,
    status: 'waiting',
    language: 'uk',
    topic: 'work',
    visitorName: 'Olena',
    startedAt: '2025-03-03T10:00:00.000Z',
    waitingSince: '2025-03-03T10:00:00.000Z',
    assignee: null,
    outcome: null,
    lastSeq: 1,
    ...overrides,
  };
}

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

function apply(state: DeskState, ...frames: ServerFrame[]): DeskState {
  return frames.reduce((current, frame) => deskReducer(current, { type: 'frame', frame }), state);
}

const welcomed = (conversations: ConversationSummary[] = []) =>
  apply(initialDeskState, { type: 'welcome.staff', user: me, conversations });

const mine = summary({ status: 'active', assignee: { id: me.id, name: me.name } });

describe('desk state', () => {
  it('lists waiting conversations oldest first', () => {
    const newer = summary({ id: '10000000-0000-4000-8000-000000000002', waitingSince: '2025-03-03T10:05:00.000Z' });
    const state = welcomed([newer, summary()]);
    expect(waitingQueue(state).map((c) => c.id)).toEqual([conversationId, newer.id]);
  });

  it('signals a newly waiting conversation once', () => {
    const state = apply(welcomed(), { type: 'conversation.updated', conversation: summary() });
    expect(state.arrival).toMatchObject({ serial: 1, conversation: { id: conversationId } });
    const again = apply(state, { type: 'conversation.updated', conversation: summary({ lastSeq: 2 }) });
    expect(again.arrival?.serial).toBe(1);
  });

  it('moves a taken conversation to my list and selects it', () => {
    let state = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    state = apply(state, { type: 'conversation.updated', conversation: mine });
    expect(waitingQueue(state)).toEqual([]);
    expect(myConversations(state).map((c) => c.id)).toEqual([conversationId]);
    expect(state.selectedId).toBe(conversationId);
    expect(state.takingIds).toEqual([]);
  });

  it('drops a conversation a colleague took and explains an already_taken answer', () => {
    let state = deskReducer(welcomed([summary()]), { type: 'take', conversationId });
    state = apply(
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
    const state = apply(welcomed([mine]), { type: 'conversation.updated', conversation: closed });
    expect(state.conversations[conversationId]?.status).toBe('closed');
    expect(myConversations(state)).toEqual([]);
    expect(welcomed([]).conversations).toEqual({});
    expect(apply(state, { type: 'welcome.staff', user: me, conversations: [] }).conversations).toHaveProperty(
      conversationId,
    );
  });

  it('merges history and live messages in seq order without duplicates', () => {
    const state = apply(
      welcomed([mine]),
      { type: 'message', conversationId, message: message(3) },
      { type: 'history', conversationId, messages: [message(1), message(2), message(3)] },
      { type: 'message', conversationId, message: message(2) },
    );
    expect(state.messages[conversationId]?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(lastSeq(state, conversationId)).toBe(3);
    expect(lastSeq(state, 'unknown')).toBe(0);
  });

  it('counts unread visitor messages outside the selected conversation', () => {
    let state = apply(welcomed([mine]), { type: 'message', conversationId, message: message(1) });
    expect(state.unread[conversationId]).toBe(1);
    state = deskReducer(state, { type: 'select', conversationId });
    state = apply(state, { type: 'message', conversationId, message: message(2) });
    expect(state.unread[conversationId]).toBe(0);
  });

  it('leaves errors about one outgoing message to the outbox', () => {
    const state = apply(welcomed([mine]), { type: 'error', code: 'message_too_long', clientId, conversationId });
    expect(state.notice).toBeNull();
  });
});
