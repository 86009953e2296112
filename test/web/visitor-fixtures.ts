/** What the visitor's chat tests share: a session token and the conversation the server welcomes it with. */
import type { VisitorConversation } from '../../src/shared/protocol';

export const TOKEN = 't'.repeat(32);

/** A conversation still waiting for a consultant, unless `overrides` say otherwise. */
export const visitorConversation = (overrides: Partial<VisitorConversation> = {}): VisitorConversation => ({
  status: 'waiting',
  language: 'pl',
  topic: 'work',
  visitorName: 'Olena',
  consultantName: null,
  startedAt: '2025-03-03T10:00:00.000Z',
  lastSeq: 0,
  ...overrides,
});
