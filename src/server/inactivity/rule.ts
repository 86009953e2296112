/**
 * When a quiet conversation is asked "are you still there?", when it ends, and when a waiting
 * visitor counts as gone: pure, so the thresholds are tested without a database or a clock.
 */
import type { InactivitySettings } from '../../shared/protocol';

/** What the sweep does to an active conversation now. */
export type IdleStep = 'none' | 'warn' | 'end';

export interface QuietConversation {
  /** The latest of: taken by its consultant, the visitor's last message (the consultant's own messages do not count). */
  lastActivityAt: string;
  /** The quiet spell the visitor was last asked about, and when. */
  warnedIdleSince: string | null;
  warnedAt: string | null;
}

export function idleStep(conversation: QuietConversation, now: Date, settings: InactivitySettings): IdleStep {
  const warnedThisSpell = conversation.warnedAt !== null && conversation.warnedIdleSince === conversation.lastActivityAt;
  if (!warnedThisSpell) return elapsedMs(conversation.lastActivityAt, now) >= settings.warningSeconds * 1000 ? 'warn' : 'none';
  // Counted from the question itself, so a visitor always has the whole time to answer it.
  return elapsedMs(conversation.warnedAt!, now) >= settings.endSeconds * 1000 ? 'end' : 'none';
}

export interface WaitingVisitor {
  /** When it last joined the queue (started, rejoined). */
  queuedAt: string;
  /** When a socket of the visitor's was last seen on any instance; null if never. */
  seenAt: string | null;
}

/** The visitor has had no connection (or never had one) for the configured time. */
export function visitorGone(visitor: WaitingVisitor, now: Date, settings: InactivitySettings): boolean {
  const lastThere = visitor.seenAt !== null && visitor.seenAt > visitor.queuedAt ? visitor.seenAt : visitor.queuedAt;
  return elapsedMs(lastThere, now) >= settings.absentSeconds * 1000;
}

function elapsedMs(since: string, now: Date): number {
  return now.getTime() - Date.parse(since);
}
