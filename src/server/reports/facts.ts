/**
 * What the aggregate store counts and the rules that classify an event — pure, so the live
 * recording and the rebuild from live tables (rebuild.ts) apply exactly the same rules.
 */
import type { CallKind } from '../../shared/protocol';
import type { ScheduleReason } from '../../shared/desk-protocol';
import { CHANNELS, type Channel, type ClosedVisitNext, type ConversationResult, type Measure } from '../../shared/wire/reports';

export type { Channel, Measure };

/** One counted event, before it is placed on the office's calendar (service.ts). */
export interface ReportFact {
  deskId: string;
  measure: Measure;
  /** When it counts: the day and hour it lands on, in the office's time zone. */
  at: Date | string;
  language?: string;
  topic?: string;
  channel?: Channel;
  outcome?: string;
  staffId?: string | null;
  /** A duration: bucketed (DURATION_BUCKETS) and summed. */
  seconds?: number;
  /** A rating 1–5: its own bucket, and summed for the average. */
  rating?: number;
  /** +1, or -1 to take back a count (a booking moved to another day). */
  delta?: number;
}

/**
 * Upper bounds (seconds, exclusive) of the duration buckets; the last bucket is open. Percentiles
 * are interpolated within a bucket, so they are estimates — close enough for staffing decisions,
 * and the store keeps no single visitor's wait.
 */
export const DURATION_BUCKETS = [15, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 7200, 14_400, 28_800, 86_400] as const;

export function durationBucket(seconds: number): number {
  const index = DURATION_BUCKETS.findIndex((bound) => seconds < bound);
  return index === -1 ? DURATION_BUCKETS.length : index;
}

/** The lower and upper bound of a bucket (the open last one is taken as twice its start). */
export function bucketRange(bucket: number): [number, number] {
  const low = bucket === 0 ? 0 : DURATION_BUCKETS[bucket - 1]!;
  const high = DURATION_BUCKETS[bucket] ?? low * 2;
  return [low, high];
}

/** The p-quantile (0–1) of a bucketed distribution, interpolated linearly inside its bucket; null when empty. */
export function quantileOfBuckets(counts: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const target = p * total;
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    const n = counts.get(bucket)!;
    if (seen + n >= target) {
      const [low, high] = bucketRange(bucket);
      return Math.round(low + ((target - seen) / n) * (high - low));
    }
    seen += n;
  }
  return null;
}

export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** What a conversation's row holds that the rules read (named as the columns). */
export interface ConversationFacts {
  desk_id: string;
  language: string;
  topic: string;
  created_at: string;
  assigned_at: string | null;
  first_reply_at: string | null;
  closed_at: string | null;
  outcome: string | null;
  assignee_id: string | null;
  booking_id: string | null;
  call_kind: CallKind | null;
  /** The visitor's own language when the interface did not offer it. */
  spoken_language?: string | null;
}

/** A conversation counts under the language the visitor speaks: their own when they named one the interface lacks. */
export function countedLanguage(row: Pick<ConversationFacts, 'language' | 'spoken_language'>): string {
  return row.spoken_language ?? row.language;
}

/** Close outcomes that mean the visitor went away by themselves. */
const VISITOR_ENDED = ['visitor_left', 'visitor_inactive', 'visitor_absent'];

/** A conversation opened by a booked call is counted under that channel, any other as text. */
export function conversationChannel(row: Pick<ConversationFacts, 'booking_id' | 'call_kind'>): Channel {
  return row.booking_id || row.call_kind ? 'booked_call' : 'text';
}

/**
 * Served: a consultant took it (whatever the close outcome). Given up: the visitor went away
 * before anyone took it. Turned away: it was ended unserved for them (the desk closing).
 */
export function conversationResult(row: Pick<ConversationFacts, 'assigned_at' | 'first_reply_at' | 'outcome'>): ConversationResult {
  if (row.assigned_at || row.first_reply_at) return 'served';
  return row.outcome === null || VISITOR_ENDED.includes(row.outcome) ? 'given_up' : 'turned_away';
}

export function startedFact(row: ConversationFacts): ReportFact {
  return { deskId: row.desk_id, measure: 'conversation_started', at: row.created_at, language: countedLanguage(row), topic: row.topic, channel: conversationChannel(row) };
}

/**
 * A closed conversation: its result with the wait (until taken, or until the visitor gave up),
 * and for a served one the first-response and handling times, per consultant.
 */
export function endedFacts(row: ConversationFacts): ReportFact[] {
  if (!row.closed_at) return [];
  const result = conversationResult(row);
  const served = result === 'served';
  const base = { deskId: row.desk_id, at: row.created_at, language: countedLanguage(row), topic: row.topic, channel: conversationChannel(row) };
  const staffId = served ? row.assignee_id : null;
  const waitEnd = row.assigned_at ?? row.closed_at;
  const facts: ReportFact[] = [{ ...base, measure: 'conversation_ended', outcome: result, staffId, seconds: secondsBetween(row.created_at, waitEnd) }];
  if (served && row.first_reply_at) facts.push({ ...base, measure: 'first_response', staffId, seconds: secondsBetween(row.created_at, row.first_reply_at) });
  if (served && row.assigned_at) facts.push({ ...base, measure: 'handling', staffId, seconds: secondsBetween(row.assigned_at, row.closed_at) });
  return facts;
}

/** The same facts counted away again (a conversation's end undone when it rejoins the queue). */
export function takenBack(facts: readonly ReportFact[]): ReportFact[] {
  return facts.map((fact) => ({ ...fact, delta: -(fact.delta ?? 1) }));
}

/** What a call's row holds that the rules read. */
export interface CallFacts {
  desk_id: string;
  kind: CallKind;
  outcome: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  started_by: string;
  /** Its conversation's language, and the visitor's own if the interface lacked it. */
  language: string;
  spoken_language?: string | null;
  topic: string;
  interpreterJoined: boolean;
}

/** An ended call by kind, outcome and talk time; with an interpreter it counts for the language interpreted too. */
export function callFacts(call: CallFacts): ReportFact[] {
  const seconds = call.answered_at && call.ended_at ? secondsBetween(call.answered_at, call.ended_at) : 0;
  const base = { deskId: call.desk_id, at: call.started_at, language: countedLanguage(call), topic: call.topic, outcome: call.outcome ?? 'missed', seconds };
  const facts: ReportFact[] = [{ ...base, measure: 'call', channel: call.kind }];
  if (call.interpreterJoined) facts.push({ ...base, measure: 'interpreter_call', channel: 'interpreter' });
  return facts;
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

export function leftMessageReceivedFact(message: { desk_id: string; language: string; topic: string; created_at: string }): ReportFact {
  return { deskId: message.desk_id, measure: 'left_message_received', at: message.created_at, language: message.language, topic: message.topic, channel: 'left_message' };
}

/** Answered, with the working-hours time it took, counted on the day it was left. */
export function leftMessageAnsweredFact(
  message: { desk_id: string; language: string; topic: string; created_at: string },
  staffId: string | null,
  workingSeconds: number,
): ReportFact {
  return { ...leftMessageReceivedFact(message), measure: 'left_message_answered', staffId, seconds: workingSeconds };
}

/**
 * A left message's thread after the first answer: each visitor reply counts when it came; an
 * answer counts once for the replies it answers, on the day and from the time of the first of
 * them (the one that reopened the message), as the first answer counts from the message.
 */
export function leftMessageReplyFact(message: { desk_id: string; language: string; topic: string }, reply: { created_at: string }): ReportFact {
  return { ...leftMessageReceivedFact({ ...message, created_at: reply.created_at }), measure: 'left_message_reply' };
}

export function leftMessageReplyAnsweredFact(
  message: { desk_id: string; language: string; topic: string },
  reopenedAt: string,
  staffId: string | null,
  workingSeconds: number,
): ReportFact {
  return { ...leftMessageReceivedFact({ ...message, created_at: reopenedAt }), measure: 'left_message_reply_answered', staffId, seconds: workingSeconds };
}

/** The visitor's reply waiting for an answer since the office last answered, if any (entries oldest first). */
export function reopeningReply<Reply extends { author: 'visitor' | 'staff'; created_at: string }>(replies: readonly Reply[]): Reply | undefined {
  let waiting: Reply | undefined;
  for (const reply of replies) {
    if (reply.author === 'staff') waiting = undefined;
    else waiting ??= reply;
  }
  return waiting;
}

/** Every fact of a thread's replies (oldest first), by the rules above: for the rebuild from live tables. */
export function leftMessageThreadFacts(
  message: { desk_id: string; language: string; topic: string },
  replies: readonly { author: 'visitor' | 'staff'; created_at: string; staff_id: string | null }[],
  workingSeconds: (from: string, to: string) => number,
): ReportFact[] {
  const facts: ReportFact[] = [];
  let waiting: string | undefined;
  for (const reply of replies) {
    if (reply.author === 'visitor') {
      facts.push(leftMessageReplyFact(message, reply));
      waiting ??= reply.created_at;
    } else if (waiting !== undefined) {
      facts.push(leftMessageReplyAnsweredFact(message, waiting, reply.staff_id, workingSeconds(waiting, reply.created_at)));
      waiting = undefined;
    }
  }
  return facts;
}

/**
 * Booking facts are counted on the slot's day (a move takes the count from one day to another);
 * attended: the visitor joined the call (the first time).
 */
export function bookingFact(
  measure: 'booking_made' | 'booking_cancelled' | 'booking_attended',
  booking: { desk_id: string; language: string; topic: string; starts_at: string },
  delta = 1,
): ReportFact {
  return { deskId: booking.desk_id, measure, at: booking.starts_at, language: booking.language, topic: booking.topic, channel: 'booked_call', delta };
}

/** A visit to the visitor page while the desk was closed, and why it was closed. */
export function closedVisitFact(deskId: string, at: Date, language: string, reason: ScheduleReason): ReportFact {
  return { deskId, measure: 'closed_visit', at, language, outcome: reason };
}

/** What a visitor who came while the desk was closed did next (the request says it follows such a visit). */
export function closedVisitNextFacts(request: { closedVisit?: true; language: string }, deskId: string, at: Date | string, next: ClosedVisitNext): ReportFact[] {
  return request.closedVisit ? [{ deskId, measure: 'closed_visit_next', at, language: request.language, outcome: next }] : [];
}
