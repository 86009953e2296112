/**
 * Polish public holidays (dni ustawowo wolne od pracy), from the `date-holidays` calendar, with the
 * office's own corrections from config (HOLIDAYS_EXTRA, HOLIDAYS_REMOVED) for when the law changes
 * faster than the library. See docs/decisions/0005-holidays.md.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { Holiday } from '../../shared/protocol';

/**
 * The library's rule for each statutory holiday, without qualifiers such as "since 2025", and our
 * stable id for it: the browser shows `common:holidays.<id>` in the visitor's language (the
 * library has Polish and English names, Ukrainian only for some, Russian none).
 */
const HOLIDAY_IDS: Readonly<Record<string, string>> = {
  '01-01': 'new_year',
  '01-06': 'epiphany',
  easter: 'easter_sunday',
  'easter 1': 'easter_monday',
  '05-01': 'labour_day',
  '05-03': 'constitution_day',
  'easter 49': 'pentecost',
  'easter 60': 'corpus_christi',
  '08-15': 'assumption',
  '11-01': 'all_saints',
  '11-11': 'independence_day',
  '12-24': 'christmas_eve',
  '12-25': 'christmas_day',
  '12-26': 'christmas_second_day',
};

/** Every id the calendar can produce; each has `common:holidays.<id>` in every language. */
export const HOLIDAY_NAME_IDS = [...Object.values(HOLIDAY_IDS), 'extra', 'other'] as const;

export interface HolidayCalendar {
  /** The public holiday on a calendar date (YYYY-MM-DD), or null. */
  on(date: string): Holiday | null;
}

export interface HolidayCorrections {
  /** Dates closed as public holidays although the calendar does not list them. */
  extra: readonly string[];
  /** Calendar holidays on which the desk works after all. */
  removed: readonly string[];
}

function holidayId(rule: string): string {
  const bare = rule.replace(/\s+(since|prior to|in|and|if|#).*$/, '').trim();
  return HOLIDAY_IDS[bare] ?? 'other';
}

let library: Holidays | undefined;

/**
 * The library loads the rules of the whole world (most of a second on a busy machine), so it is
 * loaded on the first lookup, not at start-up, and only once.
 */
function polishLibrary(): Holidays {
  if (!library) {
    const Library = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
    library = new Library('PL', { languages: ['pl'], types: ['public'] });
  }
  return library;
}

/** No calendar: only the days the office adds itself. */
export function ownHolidaysOnly(corrections: HolidayCorrections): HolidayCalendar {
  const extra = new Set(corrections.extra);
  return { on: (date) => (extra.has(date) && !corrections.removed.includes(date) ? { date, id: 'extra', name: 'Dzień wolny od pracy' } : null) };
}

export function polishHolidays(corrections: HolidayCorrections = { extra: [], removed: [] }): HolidayCalendar {
  const years = new Map<number, Map<string, Holiday>>();
  const removed = new Set(corrections.removed);
  const extra = new Set(corrections.extra);

  function year(value: number): Map<string, Holiday> {
    let days = years.get(value);
    if (!days) {
      days = new Map();
      for (const entry of polishLibrary().getHolidays(value, 'pl')) {
        if (entry.type !== 'public') continue;
        const date = entry.date.slice(0, 10);
        if (!days.has(date)) days.set(date, { date, id: holidayId(entry.rule), name: entry.name });
      }
      years.set(value, days);
    }
    return days;
  }

  return {
    on(date) {
      if (removed.has(date)) return null;
      const found = year(Number(date.slice(0, 4))).get(date);
      if (found) return found;
      return extra.has(date) ? { date, id: 'extra', name: 'Dzień wolny od pracy' } : null;
    },
  };
}
