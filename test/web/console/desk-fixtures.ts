/** What the console's desk-state tests share: who is signed in, a conversation, and frames applied in order. */
import type { ConversationSummary, ServerFrame, StaffUser } from '../../../src/shared/protocol';
import { type DeskState, deskReducer } from '../../../src/web/console/desk-state';

export const conversationId = '10000000-0000-4000-8000-000000000001';

/** Anna, a consultant, unless `overrides` say otherwise. */
export const staffUser = (overrides: Partial<StaffUser> = {}): StaffUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'anna@example.org',
  name: 'Anna',
  role: 'consultant',
  languages: ['pl', 'en'],
  topics: [],
  maxConcurrent: 3,
  availability: 'available',
  interpreterLanguages: [],
  ...overrides,
});

/** A conversation waiting in the queue, unless `overrides` say otherwise. */
export const conversationSummary = (overrides: Partial<ConversationSummary> = {}): ConversationSummary => ({
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
});

/** The state after the server's frames, in order. */
export function applyFrames(state: DeskState, ...frames: ServerFrame[]): DeskState {
  return frames.reduce((current, frame) => deskReducer(current, { type: 'frame', frame }), state);
}
