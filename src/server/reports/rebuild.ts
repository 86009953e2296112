/**
 * Recomputes the counters of a period from the live tables, for the days retention has not yet
 * emptied (admin CLI `rebuild-reports`). Only the measures the live tables hold are replaced;
 * ratings, refused starts and closed-page visits exist nowhere else and stay as they are.
 */
import { Temporal } from 'temporal-polyfill';
import { MEASURES, type Measure } from '../../shared/wire/reports';
import {
  bookingFact,
  callFacts,
  endedFacts,
  leftMessageAnsweredFact,
  leftMessageReceivedFact,
  leftMessageThreadFacts,
  startedFact,
  type ReportFact,
} from './facts';
import type { InstantRange, LeftMessageReplyFacts, LiveTables } from './live-tables';

/** What the live tables never hold: ratings, starts refused and visits while closed. */
const ONLY_COUNTED: readonly Measure[] = ['satisfaction', 'start_refused', 'closed_visit', 'closed_visit_next'];
export const REBUILT_MEASURES: readonly Measure[] = MEASURES.filter((measure) => !ONLY_COUNTED.includes(measure));

/** The instants from the start of day `from` to the end of day `to`, in the office's time zone. */
export function dayRange(from: string, to: string, timeZone: string): InstantRange {
  const start = Temporal.PlainDate.from(from).toZonedDateTime({ timeZone }).toInstant();
  const end = Temporal.PlainDate.from(to).add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant();
  return { from: start.toString({ fractionalSecondDigits: 3 }), to: end.toString({ fractionalSecondDigits: 3 }) };
}

/** Every fact the live tables still show for the period, by the same rules as live recording. */
export async function liveFacts(
  live: LiveTables,
  deskId: string,
  range: InstantRange,
  workingSeconds: (from: string, to: string) => number,
): Promise<ReportFact[]> {
  const [conversations, calls, leftMessages, replies, bookings] = await Promise.all([
    live.conversations(deskId, range),
    live.calls(deskId, range),
    live.leftMessages(deskId, range),
    live.leftMessageReplies(deskId, range),
    live.bookings(deskId, range),
  ]);
  return [
    ...conversations.flatMap((row) => [startedFact(row), ...endedFacts(row)]),
    ...calls.flatMap(callFacts),
    ...leftMessages.flatMap((row) => [
      leftMessageReceivedFact(row),
      ...(row.answered_at ? [leftMessageAnsweredFact(row, row.answered_by, workingSeconds(row.created_at, row.answered_at))] : []),
    ]),
    ...threadFacts(replies, range, workingSeconds),
    ...bookings.flatMap((row) => [
      bookingFact('booking_made', row),
      ...(row.status === 'cancelled' ? [bookingFact('booking_cancelled', row)] : []),
      ...(row.conversation_id ? [bookingFact('booking_attended', row)] : []),
    ]),
  ];
}

/** The facts of each thread that fall in the range (a thread's answer counts on the day of the reply it answered). */
function threadFacts(replies: LeftMessageReplyFacts[], range: InstantRange, workingSeconds: (from: string, to: string) => number): ReportFact[] {
  const threads = new Map<string, LeftMessageReplyFacts[]>();
  for (const reply of replies) threads.set(reply.left_message_id, [...(threads.get(reply.left_message_id) ?? []), reply]);
  return [...threads.values()]
    .flatMap((thread) => leftMessageThreadFacts(thread[0]!, thread, workingSeconds))
    .filter((fact) => (fact.at as string) >= range.from && (fact.at as string) < range.to);
}
