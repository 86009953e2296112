/**
 * Weekly opening hours, written the way an office says them:
 *   "mon-fri 11:00-14:00"            (the original e-Konsultant)
 *   "mon-thu 08:00-12:00,13:00-15:00; fri 09:00-12:00"
 * Times are wall-clock times in the office's time zone.
 */
import type { WeeklyInterval } from '../../shared/protocol';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function weekdayNumber(day: string): number {
  const index = DAYS.indexOf(day.toLowerCase() as (typeof DAYS)[number]);
  if (index < 0) throw new Error(`unknown weekday "${day}" (use mon, tue, wed, thu, fri, sat, sun)`);
  return index + 1;
}

function parseDays(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [from, to, ...rest] = part.split('-');
    if (rest.length) throw new Error(`weekday range "${part}" has more than two ends`);
    const start = weekdayNumber(from ?? '');
    const end = to === undefined ? start : weekdayNumber(to);
    if (end < start) throw new Error(`weekday range "${part}" runs backwards`);
    return Array.from({ length: end - start + 1 }, (_, i) => start + i);
  });
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A time range within one day, wall-clock in the office's time zone ("24:00" ends the day). */
export interface TimeRange {
  start: string;
  end: string;
}

function parseRange(range: string): TimeRange {
  const [start = '', end = '', ...rest] = range.split('-');
  if (rest.length || !TIME.test(start) || !TIME.test(end)) throw new Error(`"${range}" is not HH:MM-HH:MM`);
  if (minutesOf(end) <= minutesOf(start)) throw new Error(`"${range}" ends before it starts`);
  return { start, end };
}

function assertNoOverlap(sorted: readonly TimeRange[]): void {
  for (let i = 1; i < sorted.length; i++) {
    const [prev, cur] = [sorted[i - 1]!, sorted[i]!];
    if (minutesOf(cur.start) < minutesOf(prev.end)) throw new Error(`intervals ${prev.start}-${prev.end} and ${cur.start}-${cur.end} overlap`);
  }
}

/** One day's hours, e.g. a special day "10:00-12:00,13:00-14:00": sorted, checked for overlaps. */
export function parseTimeRanges(text: string): TimeRange[] {
  const ranges = text
    .split(',')
    .map((range) => range.trim())
    .map(parseRange)
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  assertNoOverlap(ranges);
  return ranges;
}

export function formatTimeRanges(ranges: readonly TimeRange[]): string {
  return ranges.map((range) => `${range.start}-${range.end}`).join(',');
}

export function parseWeeklyHours(text: string): WeeklyInterval[] {
  const intervals: WeeklyInterval[] = [];
  for (const rule of text.split(';').map((r) => r.trim()).filter(Boolean)) {
    const [daySpec, timeSpec, ...rest] = rule.split(/\s+/);
    if (!daySpec || !timeSpec || rest.length) throw new Error(`"${rule}" is not "<days> <HH:MM-HH:MM>[,…]"`);
    for (const weekday of parseDays(daySpec)) {
      for (const range of timeSpec.split(',')) intervals.push({ weekday, ...parseRange(range) });
    }
  }
  intervals.sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start));
  for (let weekday = 1; weekday <= 7; weekday++) assertNoOverlap(intervals.filter((i) => i.weekday === weekday));
  return intervals;
}

/** Weekly hours in the notation `parseWeeklyHours` reads, one rule per weekday: "mon 11:00-14:00; tue …". */
export function formatWeeklyHours(intervals: readonly WeeklyInterval[]): string {
  const rules: string[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const ranges = intervals.filter((interval) => interval.weekday === weekday).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    if (ranges.length) rules.push(`${DAYS[weekday - 1]} ${formatTimeRanges(ranges)}`);
  }
  return rules.join('; ');
}
