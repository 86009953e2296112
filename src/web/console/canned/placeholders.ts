/**
 * A canned answer's placeholders, filled in the conversation's language: {visitorName} with the
 * name the visitor gave (or nothing), {officeHours} with the desk's weekly hours, e.g.
 * "poniedziałek–piątek 11:00–14:00 (czas środkowoeuropejski)". Unknown placeholders stay as written.
 */
import type { WeeklyInterval } from '../../../shared/protocol';
import { timeZoneName } from '../../common/format';

export interface PlaceholderValues {
  visitorName: string | null;
  officeHours: string;
}

export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const name = values.visitorName?.trim();
  // Without a name, "Hello {visitorName}, …" reads "Hello, …".
  const named = name ? body.replaceAll('{visitorName}', name) : body.replace(/[ \t]*\{visitorName\}/g, '');
  return named.replaceAll('{officeHours}', values.officeHours);
}

/** A Monday in January 2024: ISO weekday n is this date plus n − 1 days. */
const A_MONDAY = Date.UTC(2024, 0, 1, 12);

function weekdayName(weekday: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(A_MONDAY + (weekday - 1) * 86_400_000));
}

/** Consecutive weekdays with the same hours are joined: "Monday–Friday 11:00–14:00". */
export function formatOfficeHours(hours: readonly WeeklyInterval[], timeZone: string, language: string): string {
  const byDay = new Map<number, string>();
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const intervals = hours
      .filter((interval) => interval.weekday === weekday)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((interval) => `${interval.start}–${interval.end}`);
    if (intervals.length > 0) byDay.set(weekday, intervals.join(', '));
  }
  const groups: { first: number; last: number; hours: string }[] = [];
  for (const [weekday, dayHours] of byDay) {
    const previous = groups.at(-1);
    if (previous && previous.last === weekday - 1 && previous.hours === dayHours) previous.last = weekday;
    else groups.push({ first: weekday, last: weekday, hours: dayHours });
  }
  const days = (group: (typeof groups)[number]) =>
    group.first === group.last ? weekdayName(group.first, language) : `${weekdayName(group.first, language)}–${weekdayName(group.last, language)}`;
  const text = groups.map((group) => `${days(group)} ${group.hours}`).join('; ');
  return `${text} (${timeZoneName(timeZone, language)})`;
}
