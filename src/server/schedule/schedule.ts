/**
 * Is the desk open now, until when, and when does it open next — computed in the office's time
 * zone with Temporal (DST-safe), never with hand-made offset arithmetic.
 */
import { Temporal } from 'temporal-polyfill';
import type { ScheduleStatus, WeeklyInterval } from '../../shared/protocol';

/** How far ahead to look for the next opening (a desk closed for longer reports none). */
const LOOKAHEAD_DAYS = 31;

function atWallTime(date: Temporal.PlainDate, time: string, timeZone: string): Temporal.Instant {
  const plainTime = time === '24:00' ? Temporal.PlainTime.from('00:00') : Temporal.PlainTime.from(time);
  const day = time === '24:00' ? date.add({ days: 1 }) : date;
  return day.toZonedDateTime({ timeZone, plainTime }).toInstant();
}

export function scheduleStatus(hours: readonly WeeklyInterval[], timeZone: string, now: Date): ScheduleStatus {
  const nowInstant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  const today = nowInstant.toZonedDateTimeISO(timeZone).toPlainDate();
  let closesAt: string | null = null;
  let nextOpening: string | null = null;

  for (let offset = -1; offset <= LOOKAHEAD_DAYS && !nextOpening; offset++) {
    const date = today.add({ days: offset });
    for (const interval of hours.filter((h) => h.weekday === date.dayOfWeek)) {
      const start = atWallTime(date, interval.start, timeZone);
      const end = atWallTime(date, interval.end, timeZone);
      if (Temporal.Instant.compare(start, nowInstant) <= 0 && Temporal.Instant.compare(nowInstant, end) < 0) {
        closesAt = end.toString();
      } else if (Temporal.Instant.compare(start, nowInstant) > 0 && !nextOpening) {
        nextOpening = start.toString();
      }
    }
  }
  return { open: closesAt !== null, timeZone, hours: [...hours], closesAt, nextOpening };
}
