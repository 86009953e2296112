import { describe, expect, it } from 'vitest';
import type { ConversationSummary, ServerFrame } from '../../../src/shared/protocol';
import { deskReducer, initialDeskState, myConversations, syncRequests } from '../../../src/web/console/desk-state';
import { applyFrames, conversationId, conversationSummary, staffUser } from './desk-fixtures';

const me = staffUser({ email: 'maria@example.org', name: 'Maria', role: 'supervisor' });
const anna = { id: '00000000-0000-4000-8000-000000000002', name: 'Anna' };

const active = (overrides: Partial<ConversationSummary> = {}) =>
  conversationSummary({ status: 'active', waitingSince: null, assignee: anna, lastSeq: 4, ...overrides });

const welcomed = applyFrames(initialDeskState, { type: 'welcome.staff', user: me, conversations: [] });

describe('the desk of a staff member who joins conversations or receives them from colleagues', () => {
  it('keeps a colleague’s conversation once I have joined it, and asks for its history', () => {
    const before = applyFrames(welcomed, { type: 'conversation.updated', conversation: active() });
    expect(before.conversations).toEqual({});

    const frame: ServerFrame = {
      type: 'conversation.updated',
      conversation: active({ participants: [{ id: me.id, name: 'Maria', role: 'supervisor' }] }),
    };
    const after = applyFrames(before, frame);
    expect(myConversations(after).map((c) => c.id)).toEqual([conversationId]);
    expect(syncRequests(before, frame, after)).toEqual([{ conversationId, lastSeq: 0 }]);
    expect(after.handover).toBeNull();
  });

  it('drops it when I leave', () => {
    const joined = applyFrames(welcomed, {
      type: 'conversation.updated',
      conversation: active({ participants: [{ id: me.id, name: 'Maria', role: 'supervisor' }] }),
    });
    const left = applyFrames(joined, { type: 'conversation.updated', conversation: active({ participants: [] }) });
    expect(myConversations(left)).toEqual([]);
  });

  it('stops showing a conversation of mine that went back to the queue, which lists it again', () => {
    const mine = active({ assignee: { id: me.id, name: 'Maria' } });
    const open = deskReducer(applyFrames(welcomed, { type: 'conversation.updated', conversation: mine }), { type: 'select', conversationId });
    expect(open.selectedId).toBe(conversationId);
    const back = applyFrames(open, { type: 'conversation.updated', conversation: active({ status: 'waiting', assignee: null }) });
    expect(back.selectedId).toBeNull();
    expect(back.conversations[conversationId]?.status).toBe('waiting');
  });

  it('marks a conversation handed to me as a handover, once, but not one I took from the queue', () => {
    const handed = applyFrames(welcomed, { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' } }) });
    expect(handed.handover?.conversation.id).toBe(conversationId);
    const again = applyFrames(handed, { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' }, lastSeq: 5 }) });
    expect(again.handover?.serial).toBe(handed.handover?.serial);

    const waiting = applyFrames(welcomed, { type: 'conversation.updated', conversation: active({ status: 'waiting', assignee: null }) });
    const taken = applyFrames(
      deskReducer(waiting, { type: 'take', conversationId }),
      { type: 'conversation.updated', conversation: active({ assignee: { id: me.id, name: 'Maria' } }) },
    );
    expect(taken.handover).toBeNull();
  });
});
