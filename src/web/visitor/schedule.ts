import type { ScheduleStatus, WeeklyInterval } from '../../shared/protocol';

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const MIN_REFRESH_MS = 5_000;
const MAX_REFRESH_MS = 15 * 60_000;

/** How long until the desk opens or closes, so the page can refresh its status just after. */
export function untilScheduleChanges(schedule: ScheduleStatus, now: number): number {
  const next = schedule.open ? schedule.closesAt : schedule.nextOpening;
  if (!next) return MAX_REFRESH_MS;
  const delay = Date.parse(next) - now + 1_000;
  return Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, delay));
}

/** Each weekday's intervals as "11:00–14:00" strings, Monday first; empty when closed all day. */
export function hoursByWeekday(hours: readonly WeeklyInterval[]): Map<number, string[]> {
  return new Map(
    ISO_WEEKDAYS.map((weekday) => [
      weekday,
      hours
        .filter((interval) => interval.weekday === weekday)
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((interval) => `${interval.start}–${interval.end}`),
    ]),
  );
}
