/** Schedule rules for unit tests: the defaults of a fresh desk, changed per test. */
import type { HolidayCalendar } from '../../src/server/schedule/holidays';
import { scheduleStatus, type ScheduleRules } from '../../src/server/schedule/schedule';
import { parseTimeRanges, parseWeeklyHours } from '../../src/server/schedule/weekly-hours';
import type { ScheduleStatus } from '../../src/shared/protocol';

export const WARSAW = 'Europe/Warsaw';

export const noHolidays: HolidayCalendar = { on: () => null };

export interface RulesChange extends Partial<Omit<ScheduleRules, 'hours' | 'exceptions'>> {
  /** Weekly hours as OFFICE_HOURS writes them. */
  hours?: string;
  /** Dated exceptions: "closed" or "10:00-12:00,…". */
  exceptions?: Record<string, string>;
}

export function scheduleRules(change: RulesChange = {}): ScheduleRules {
  const { hours = 'mon-fri 11:00-14:00', exceptions = {}, ...rest } = change;
  return {
    timeZone: WARSAW,
    lastEntryMinutes: 0,
    serviceStart: null,
    serviceEnd: null,
    holidays: noHolidays,
    pause: null,
    ...rest,
    hours: parseWeeklyHours(hours),
    exceptions: new Map(Object.entries(exceptions).map(([date, text]) => [date, text === 'closed' ? [] : parseTimeRanges(text)])),
  };
}

/** The status at a UTC instant, with its instants normalised to `toISOString()` form. */
export function statusAt(utc: string, change: RulesChange = {}): ScheduleStatus {
  const status = scheduleStatus(scheduleRules(change), new Date(utc));
  const normal = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());
  return { ...status, closesAt: normal(status.closesAt), lastEntryAt: normal(status.lastEntryAt), nextOpening: normal(status.nextOpening) };
}
