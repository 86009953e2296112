/** Slot times for the visitor: grouped by the office's calendar day, shown in both time zones. */
import type { BookingSlot } from '../../../shared/protocol';

/** YYYY-MM-DD of an instant in `timeZone`. */
export function calendarDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** The slots by office day, in time order. */
export function slotsByDay(slots: readonly BookingSlot[], officeTimeZone: string): Map<string, BookingSlot[]> {
  const days = new Map<string, BookingSlot[]>();
  for (const slot of slots) {
    const day = calendarDay(slot.startsAt, officeTimeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return days;
}

/** "Monday, 19 January" for an office day (YYYY-MM-DD). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

/** "11:00", or "Tue 11:00" when the instant falls on another day in `timeZone` than `onDay`. */
export function formatClock(iso: string, locale: string, timeZone: string, onDay?: string): string {
  const otherDay = onDay !== undefined && calendarDay(iso, timeZone) !== onDay;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(otherDay && { weekday: 'short' }),
  }).format(new Date(iso));
}
