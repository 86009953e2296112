/**
 * How long something waited in the office's working hours: the time between two instants that
 * falls inside the day plans of the schedule (weekly hours, holidays, exceptions), in the office's
 * time zone with Temporal, so a DST change or a holiday is counted as the office lived it.
 */
import { Temporal } from 'temporal-polyfill';
import { atWallTime, dayPlan, type ScheduleRules } from '../schedule/schedule';

/** A left message waiting longer than this is counted up to it (keeps the walk over days bounded). */
const MAX_DAYS = 400;

export function workingSecondsBetween(rules: ScheduleRules, from: Date | string, to: Date | string): number {
  const start = Temporal.Instant.from(new Date(from).toISOString());
  const end = Temporal.Instant.from(new Date(to).toISOString());
  if (Temporal.Instant.compare(end, start) <= 0) return 0;
  const lastDay = end.toZonedDateTimeISO(rules.timeZone).toPlainDate();
  let date = start.toZonedDateTimeISO(rules.timeZone).toPlainDate();
  let milliseconds = 0;
  for (let days = 0; Temporal.PlainDate.compare(date, lastDay) <= 0 && days < MAX_DAYS; days += 1, date = date.add({ days: 1 })) {
    for (const range of dayPlan(rules, date).ranges) {
      const opens = atWallTime(date, range.start, rules.timeZone).epochMilliseconds;
      const closes = atWallTime(date, range.end, rules.timeZone).epochMilliseconds;
      const overlap = Math.min(closes, end.epochMilliseconds) - Math.max(opens, start.epochMilliseconds);
      if (overlap > 0) milliseconds += overlap;
    }
  }
  return Math.round(milliseconds / 1000);
}
