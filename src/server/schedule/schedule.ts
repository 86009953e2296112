/**
 * Is the desk taking new conversations now, why not, until when, and when does it open next —
 * computed in the office's time zone with Temporal (DST-safe), never with hand-made offset
 * arithmetic. Pure: the caller passes `now` (from the injected Clock) and everything stored.
 *
 * A day's hours are, in this order of precedence: nothing outside the service period; a dated
 * exception (closed, or special hours); nothing on a public holiday; else the weekly hours.
 * Touching intervals — "…-24:00" and "00:00-…" the next day, or "08:00-12:00,12:00-14:00" — are
 * one continuous opening, so a 24/7 desk never "closes" at midnight.
 */
import { Temporal } from 'temporal-polyfill';
import type { UiLanguage } from '../../shared/languages';
import type { Holiday, ScheduleReason, ScheduleStatus, WeeklyInterval } from '../../shared/protocol';
import type { HolidayCalendar } from './holidays';
import type { TimeRange } from './weekly-hours';

/** How far ahead to look for the next opening (a desk closed for longer reports none). */
const LOOKAHEAD_DAYS = 366;
/** An opening that goes on for longer than this has no closing time worth showing. */
const MAX_CONTINUOUS_DAYS = 7;

export interface Pause {
  /** The office's message to visitors, per language. */
  messages: Partial<Record<UiLanguage, string>>;
  since: string;
}

export interface ScheduleRules {
  timeZone: string;
  hours: readonly WeeklyInterval[];
  lastEntryMinutes: number;
  /** YYYY-MM-DD, inclusive, in the office's time zone; null: open-ended. */
  serviceStart: string | null;
  serviceEnd: string | null;
  holidays: HolidayCalendar;
  /** Dated exceptions by YYYY-MM-DD: special hours, or none (closed that day). */
  exceptions: ReadonlyMap<string, readonly TimeRange[]>;
  pause: Pause | null;
}

type ClosedBy = 'before_service' | 'after_service' | 'holiday' | 'closed_day' | 'weekend';

interface DayPlan {
  ranges: readonly TimeRange[];
  closedBy: ClosedBy | null;
  holiday: Holiday | null;
}

/** The hours that apply on one calendar date, and what closed it if anything did. */
export function dayPlan(rules: ScheduleRules, date: Temporal.PlainDate): DayPlan {
  const iso = date.toString();
  const closed = (closedBy: ClosedBy, holiday: Holiday | null = null): DayPlan => ({ ranges: [], closedBy, holiday });
  if (rules.serviceStart && iso < rules.serviceStart) return closed('before_service');
  if (rules.serviceEnd && iso > rules.serviceEnd) return closed('after_service');
  const exception = rules.exceptions.get(iso);
  if (exception) return exception.length ? { ranges: exception, closedBy: null, holiday: null } : closed('closed_day');
  const holiday = rules.holidays.on(iso);
  if (holiday) return closed('holiday', holiday);
  const ranges = rules.hours.filter((interval) => interval.weekday === date.dayOfWeek);
  if (ranges.length === 0 && date.dayOfWeek >= 6) return closed('weekend');
  return { ranges, closedBy: null, holiday: null };
}

/** A wall-clock time ("24:00": the next midnight) on a date in the office's time zone, as an instant. */
export function atWallTime(date: Temporal.PlainDate, time: string, timeZone: string): Temporal.Instant {
  const endOfDay = time === '24:00';
  const day = endOfDay ? date.add({ days: 1 }) : date;
  const plainTime = Temporal.PlainTime.from(endOfDay ? '00:00' : time);
  return day.toZonedDateTime({ timeZone, plainTime }).toInstant();
}

interface Openings {
  /** The opening `now` is in, with its end (null: it goes on beyond MAX_CONTINUOUS_DAYS). */
  current: { end: Temporal.Instant | null } | null;
  /** The first opening that starts after `now` (after the current one, if any). */
  next: Temporal.Instant | null;
}

function openings(rules: ScheduleRules, today: Temporal.PlainDate, now: Temporal.Instant): Openings {
  if (rules.hours.length === 0 && rules.exceptions.size === 0) return { current: null, next: null };
  const before = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
  let from = today.subtract({ days: 1 });
  if (rules.serviceStart) {
    const start = Temporal.PlainDate.from(rules.serviceStart);
    if (Temporal.PlainDate.compare(start, from) > 0) from = start;
  }
  let last = today.add({ days: LOOKAHEAD_DAYS });
  if (rules.serviceStart && Temporal.PlainDate.compare(from, today) > 0) last = from.add({ days: LOOKAHEAD_DAYS });
  if (rules.serviceEnd) {
    const end = Temporal.PlainDate.from(rules.serviceEnd);
    if (Temporal.PlainDate.compare(end, last) < 0) last = end;
  }

  let current: { end: Temporal.Instant } | null = null;
  for (let date = from; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    if (current && date.since(today).days > MAX_CONTINUOUS_DAYS) return { current: { end: null }, next: null };
    for (const range of dayPlan(rules, date).ranges) {
      const start = atWallTime(date, range.start, rules.timeZone);
      const end = atWallTime(date, range.end, rules.timeZone);
      if (!before(now, end)) continue; // already over
      if (current) {
        if (start.equals(current.end)) current.end = end; // continues without a break
        else return { current, next: start };
      } else if (!before(now, start)) {
        current = { end };
      } else {
        return { current: null, next: start };
      }
    }
  }
  return { current, next: null };
}

/** No opening is left before the service period ends: that is the end of the service. */
function serviceEndsWithinLookahead(rules: ScheduleRules, today: Temporal.PlainDate): boolean {
  return rules.serviceEnd !== null && rules.serviceEnd <= today.add({ days: LOOKAHEAD_DAYS }).toString();
}

export function scheduleStatus(rules: ScheduleRules, now: Date): ScheduleStatus {
  const nowInstant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  const today = nowInstant.toZonedDateTimeISO(rules.timeZone).toPlainDate();
  const base = {
    timeZone: rules.timeZone,
    hours: [...rules.hours],
    lastEntryMinutes: rules.lastEntryMinutes,
    serviceStart: rules.serviceStart,
    serviceEnd: rules.serviceEnd,
  };
  const status = (reason: ScheduleReason, extra: Partial<ScheduleStatus> = {}): ScheduleStatus => ({
    ...base,
    open: reason === 'open',
    reason,
    closesAt: null,
    lastEntryAt: null,
    nextOpening: null,
    holiday: null,
    pauseMessage: null,
    ...extra,
  });

  const closed = status;
  if (rules.pause) return closed('paused', { pauseMessage: { ...rules.pause.messages } });

  const { current, next } = openings(rules, today, nowInstant);
  const nextOpening = next?.toString() ?? null;
  if (current) {
    const closesAt = current.end?.toString() ?? null;
    const lastEntry = current.end?.subtract({ minutes: rules.lastEntryMinutes }) ?? null;
    const lastEntryAt = lastEntry?.toString() ?? null;
    if (lastEntry && Temporal.Instant.compare(nowInstant, lastEntry) >= 0) {
      return closed('last_entry', { closesAt, lastEntryAt, nextOpening });
    }
    return status('open', { closesAt, lastEntryAt });
  }
  const plan = dayPlan(rules, today);
  if (plan.closedBy === 'after_service' || (!next && serviceEndsWithinLookahead(rules, today))) return closed('after_service');
  return closed(plan.closedBy ?? 'outside_hours', { nextOpening, holiday: plan.holiday });
}
