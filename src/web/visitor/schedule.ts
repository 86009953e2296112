import type { ScheduleStatus, WeeklyInterval } from '../../shared/protocol';

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const MIN_REFRESH_MS = 5_000;
const MAX_REFRESH_MS = 15 * 60_000;
/** A pause ends when the office says so: look again every minute. */
const PAUSED_REFRESH_MS = 60_000;

/** How long until the desk opens or stops taking conversations, so the page can refresh just after. */
export function untilScheduleChanges(schedule: ScheduleStatus, now: number): number {
  if (schedule.reason === 'paused') return PAUSED_REFRESH_MS;
  const next = schedule.open ? (schedule.lastEntryAt ?? schedule.closesAt) : schedule.nextOpening;
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

/** A calendar date (YYYY-MM-DD, as the server sends the service period) in the reader's language. */
export function formatCalendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** The office's pause message in the reader's language, else in any language it was written in. */
export function pauseMessageFor(schedule: ScheduleStatus, language: string): { text: string; language: string } | null {
  const messages = Object.entries(schedule.pauseMessage ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
  const found = messages.find(([lang]) => lang === language) ?? messages[0];
  return found ? { text: found[1], language: found[0] } : null;
}
