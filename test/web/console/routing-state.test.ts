import { describe, expect, it } from 'vitest';
import type { ConversationSummary, ServerFrame, StaffPresence } from '../../../src/shared/protocol';
import { initialRoutingState, routingReducer, secondsLeft, withOffers, type RoutingState } from '../../../src/web/console/availability/routing-state';

const ME = '00000000-0000-4000-8000-000000000001';
const COLLEAGUE = '00000000-0000-4000-8000-000000000002';
const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';

function summary(status: ConversationSummary['status'] = 'waiting', id = CONVERSATION): ConversationSummary {
  return {
    id,
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

function run(frames: ServerFrame[], from: RoutingState = initialRoutingState, receivedAt = 0): RoutingState {
  return frames.reduce((state, frame) => routingReducer(state, frame, receivedAt), from);
}

const offerFrame = (sentAt: string): ServerFrame => ({ type: 'routing.offer', conversation: summary(), expiresAt: '2026-01-14T11:00:30.000Z', sentAt });

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
    const offered = run([welcome, offerFrame('2026-01-14T11:00:00.000Z')]);
    expect(offered.offers.map((offer) => offer.conversation.id)).toEqual([CONVERSATION]);
    expect(offered.latestOffer?.expiresAt).toBe('2026-01-14T11:00:30.000Z');

    expect(run([{ type: 'routing.offer.ended', conversationId: CONVERSATION }], offered).offers).toEqual([]);
    expect(run([{ type: 'conversation.updated', conversation: summary('waiting') }], offered).offers).toHaveLength(1);
    expect(run([{ type: 'conversation.updated', conversation: summary('active') }], offered).offers).toEqual([]);
    expect(run([welcome], offered).offers).toEqual([]);
  });

  it('counts the seconds left from the time the server gave, from when the offer arrived, whatever the browser clock says', () => {
    // Sent at 11:00:10 by the server's clock, expiring at 11:00:30: 20 seconds from arrival (at 5000 on the page's clock).
    const [offer] = run([welcome, offerFrame('2026-01-14T11:00:10.000Z')], initialRoutingState, 5_000).offers;
    expect(secondsLeft(offer!, 5_000)).toBe(20);
    expect(secondsLeft(offer!, 5_001)).toBe(20);
    expect(secondsLeft(offer!, 6_000)).toBe(19);
    expect(secondsLeft(offer!, 24_999)).toBe(1);
    expect(secondsLeft(offer!, 25_000)).toBe(0);
    expect(secondsLeft(offer!, 90_000)).toBe(0);
  });

  it('lists each waiting conversation once, in queue order, an offer to me on its conversation', () => {
    const [older, offered, newer] = ['c2', 'c3', 'c4'].map((end) => summary('waiting', `00000000-0000-4000-8000-0000000000${end}`));
    const offeredLater = { ...offered!, visitorName: 'Named since' };
    const offers = run([welcome, { type: 'routing.offer', conversation: offered!, expiresAt: '2026-01-14T11:00:30.000Z', sentAt: '2026-01-14T11:00:00.000Z' }]).offers;
    const entries = withOffers([older!, offeredLater, newer!], offers);
    expect(entries.map((entry) => [entry.conversation.id, entry.offer !== null])).toEqual([
      [older!.id, false],
      [offered!.id, true],
      [newer!.id, false],
    ]);
    // The queue's copy is the newer one; an offer for a conversation not in the queue yet is listed from the offer.
    expect(entries[1]!.conversation.visitorName).toBe('Named since');
    expect(withOffers([], offers).map((entry) => entry.conversation.id)).toEqual([offered!.id]);
  });
});
