/**
 * Which call slots the schedule allows: the coming openings (holidays, exceptions, the service
 * period and the pause respected — the same `dayPlan` the desk status uses), cut into slots of a
 * fixed length. Pure and DST-safe: openings are turned into instants in the office's time zone
 * with Temporal, and slots step through absolute time, so every slot lasts exactly its minutes
 * even on the night the clocks change. The last-entry rule is for walk-in conversations only: a
 * booked slot may run until closing, but not past it.
 */
import { Temporal } from 'temporal-polyfill';
import { atWallTime, dayPlan, type ScheduleRules } from '../schedule/schedule';

export interface SlotSettings {
  slotMinutes: number;
  /** Slots are offered from today to this many days ahead (office calendar). */
  daysAhead: number;
  /** Slots starting sooner than this after `now` are not offered. */
  minNoticeMinutes: number;
}

export interface Slot {
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
}

interface Opening {
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** The openings on the dates `from`…`to` (inclusive), touching ones joined into one. */
export function openingsBetween(rules: ScheduleRules, from: Temporal.PlainDate, to: Temporal.PlainDate): Opening[] {
  const openings: Opening[] = [];
  for (let date = from; Temporal.PlainDate.compare(date, to) <= 0; date = date.add({ days: 1 })) {
    for (const range of dayPlan(rules, date).ranges) {
      const start = atWallTime(date, range.start, rules.timeZone);
      const end = atWallTime(date, range.end, rules.timeZone);
      const previous = openings.at(-1);
      if (previous?.end.equals(start)) previous.end = end;
      else openings.push({ start, end });
    }
  }
  return openings;
}

/** Every slot that may still be booked at `now`, in time order (capacity is not considered here). */
export function bookableSlots(rules: ScheduleRules, now: Date, settings: SlotSettings): Slot[] {
  if (rules.pause) return [];
  const nowInstant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  const earliest = nowInstant.add({ minutes: settings.minNoticeMinutes });
  const today = nowInstant.toZonedDateTimeISO(rules.timeZone).toPlainDate();
  const slots: Slot[] = [];
  for (const opening of openingsBetween(rules, today, today.add({ days: settings.daysAhead }))) {
    for (let startsAt = opening.start; ; startsAt = startsAt.add({ minutes: settings.slotMinutes })) {
      const endsAt = startsAt.add({ minutes: settings.slotMinutes });
      if (Temporal.Instant.compare(endsAt, opening.end) > 0) break;
      if (Temporal.Instant.compare(startsAt, earliest) >= 0) slots.push({ startsAt, endsAt });
    }
  }
  return slots;
}

/**
 * True while the schedule still has the desk open for the whole of [startsAt, endsAt): no pause,
 * and no exception, holiday or change of hours since the slot was booked has closed it.
 */
export function stillOpenFor(rules: ScheduleRules, startsAt: Temporal.Instant, endsAt: Temporal.Instant): boolean {
  if (rules.pause) return false;
  const day = startsAt.toZonedDateTimeISO(rules.timeZone).toPlainDate();
  return openingsBetween(rules, day.subtract({ days: 1 }), day).some(
    (opening) => Temporal.Instant.compare(opening.start, startsAt) <= 0 && Temporal.Instant.compare(endsAt, opening.end) <= 0,
  );
}

/** The bookable slot starting exactly at `startsAt`, if there is one. */
export function findSlot(slots: readonly Slot[], startsAt: Temporal.Instant): Slot | undefined {
  return slots.find((slot) => slot.startsAt.equals(startsAt));
}
