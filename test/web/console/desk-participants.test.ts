import { describe, expect, it } from 'vitest';
import type { ConversationSummary, ServerFrame, StaffUser } from '../../../src/shared/protocol';
import { type DeskState, deskReducer, initialDeskState, myConversations, syncRequests } from '../../../src/web/console/desk-state';

const me: StaffUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'maria@example.org',
  name: 'Maria',
  role: 'supervisor',
  languages: ['pl', 'en'],
  topics: [],
  maxConcurrent: 3,
  availability: 'available',
  interpreterLanguages: [],
};
const anna = { id: '00000000-0000-4000-8000-000000000002', name: 'Anna' };
const conversationId = '10000000-0000-4000-8000-000000000001';

function active(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: conversationId,
    status: 'active',
    language: 'uk',
    topic: 'work',
    visitorName: 'Olena',
    startedAt: '2025-03-03T10:00:00.000Z',
    waitingSince: null,
    assignee: anna,
    outcome: null,
    lastSeq: 4,
    ...overrides,
  };
}

function apply(state: DeskState, ...frames: ServerFrame[]): DeskState {
  return frames.reduce((current, frame) => deskReducer(current, { type: 'frame', frame }), state);
}

const welcomed = apply(initialDeskState, { type: 'welcome.staff', user: me, conversations: [] });

describe('the desk of a staff member who joins conversations or receives them from colleagues', () => {
  it('keeps a colleague’s conversation once I have joined it, and asks for its history', () => {
    const before = apply(welcomed, { type: 'conversation.updated', conversation: active() });
    expect(before.conversations).toEqual({});

    const frame: ServerFrame = {
      type: 'conversation.updated',
      conversation: active({ participants: [{ id: me.id, name: 'Maria', role: 'supervisor' }] }),
    };
    const after = apply(before, frame);
    expect(myConversations(after).map((c) => c.id)).toEqual([conversationId]);
    expect(syncRequests(before, frame, after)).toEqual([{ conversationId, lastSeq: 0 }]);
    expect(after.handover).toBeNull();
  });

  it('drops it when I leave', () => {
    const joined = apply(welcomed, {
      type: 'conversation.updated',
      conversation: active({ participants: [{ id: me.id, name: 'Maria', role: 'supervisor' }] }),
    });
    const left = apply(joined, { type: 'conversation.updated', conversation: active({ participants: [] }) });
    expect(myConversations(left)).toEqual([]);
  });

  it('stops showing a conversation of mine that went back to the queue, which lists it again', () => {
    const mine = active({ assignee: { id: me.id, name: 'Maria' } });
    const open = deskReducer(apply(welcomed, { type: 'conversation.updated', conversation: mine }), { type: 'select', conversationId });
    expect(open.selectedId).toBe(conversationId);
    const back = apply(open, { type: 'conversation.updated', conversation: active({ status: 'waiting', assignee: null }) });
    expect(back.selectedId).toBeNull();
    expect(back.conversations[conversationId]?.status).toBe('waiting');
  });

  it('marks a conversation handed to me as a handover, once, but not one I took from the queue', () => {
    const handed = apply(welcomed, { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' } }) });
    expect(handed.handover?.conversation.id).toBe(conversationId);
    const again = apply(handed, { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' }, lastSeq: 5 }) });
    expect(again.handover?.serial).toBe(handed.handover?.serial);

    const waiting = apply(welcomed, { type: 'conversation.updated', conversation: active({ status: 'waiting', assignee: null }) });
    const taken = apply(
      deskReducer(waiting, { type: 'take', conversationId }),
      { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' } }) },
    );
    expect(taken.handover).toBeNull();
  });
});
