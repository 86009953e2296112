import { describe, expect, it } from 'vitest';
import type { ConversationSummary, ServerFrame, StaffPresence } from '../../../src/shared/protocol';
import { initialRoutingState, routingReducer, type RoutingState } from '../../../src/web/console/availability/routing-state';

const ME = '00000000-0000-4000-8000-000000000001';
const COLLEAGUE = '00000000-0000-4000-8000-000000000002';
const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';

function summary(status: ConversationSummary['status'] = 'waiting'): ConversationSummary {
  return {
    id: CONVERSATION,
    status,
    language: 'en',
    topic: 'work',
    visitorName: null,
    startedAt: '2026-01-14T11:00:00.000Z',
    waitingSince: status === 'waiting' ? '2026-01-14T11:00:00.000Z' : null,
    assignee: null,
    outcome: null,
    lastSeq: 1,
  };
}

function presence(id: string, availability: StaffPresence['availability'], name = 'Olena'): StaffPresence {
  return { id, name, availability, languages: ['uk'] };
}

function run(frames: ServerFrame[], from: RoutingState = initialRoutingState): RoutingState {
  return frames.reduce(routingReducer, from);
}

const welcome: ServerFrame = {
  type: 'welcome.staff',
  user: { id: ME, email: 'me@example.org', name: 'Me', role: 'consultant', languages: ['en'], topics: [], maxConcurrent: 3, availability: 'available', interpreterLanguages: [] },
  conversations: [],
};

describe('routingReducer', () => {
  it('takes my availability from the welcome and from presence frames about me, and lists only colleagues', () => {
    const state = run([
      welcome,
      { type: 'staff.presence.list', staff: [presence(ME, 'available', 'Me'), presence(COLLEAGUE, 'available')] },
      { type: 'staff.presence', staff: presence(ME, 'away', 'Me') },
      { type: 'staff.presence', staff: presence(COLLEAGUE, 'offline') },
    ]);
    expect(state.availability).toBe('away');
    expect(state.colleagues).toEqual([presence(COLLEAGUE, 'offline')]);
  });

  it('keeps an offer until it ends or the conversation leaves the queue, and forgets offers on a new welcome', () => {
    const offered = run([welcome, { type: 'routing.offer', conversation: summary(), expiresAt: '2026-01-14T11:00:30.000Z' }]);
    expect(offered.offers.map((offer) => offer.conversation.id)).toEqual([CONVERSATION]);
    expect(offered.latestOffer?.expiresAt).toBe('2026-01-14T11:00:30.000Z');

    expect(run([{ type: 'routing.offer.ended', conversationId: CONVERSATION }], offered).offers).toEqual([]);
    expect(run([{ type: 'conversation.updated', conversation: summary('waiting') }], offered).offers).toHaveLength(1);
    expect(run([{ type: 'conversation.updated', conversation: summary('active') }], offered).offers).toEqual([]);
    expect(run([welcome], offered).offers).toEqual([]);
  });
});
