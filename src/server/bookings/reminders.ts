/**
 * When a booking's reminders and the follow-up of a missed call are due — pure, on the instant
 * given, so tests hold every edge. A reminder is due in a window (the day-before one until the
 * hour-before one takes over, that one until the call starts, the follow-up for a day after the
 * end); a sweep that missed a window (the app was down) sends nothing late rather than something
 * untrue. A booking made or moved after a reminder's time gets no such reminder: its own mail
 * has just told the visitor the time.
 */
import { Temporal } from 'temporal-polyfill';
import type { Booking } from './types';

export type BookingReminder = 'day' | 'hour' | 'missed';

const HOUR_MS = 60 * 60_000;
/** After this, a missed booking's follow-up would be news from long ago. */
export const FOLLOW_UP_WINDOW_MS = 24 * HOUR_MS;

export type RemindableBooking = Pick<
  Booking,
  'status' | 'starts_at' | 'ends_at' | 'visitor_time_zone' | 'updated_at' | 'conversation_id' | 'reminded_day_at' | 'reminded_hour_at' | 'followed_up_at'
>;

/**
 * The same time of day the day before, in the visitor's own time zone: across a change of clocks
 * that is 23 or 25 hours before, as a person means "the day before".
 */
export function dayReminderAt(booking: Pick<Booking, 'starts_at' | 'visitor_time_zone'>): number {
  return Temporal.Instant.from(booking.starts_at).toZonedDateTimeISO(booking.visitor_time_zone).subtract({ days: 1 }).epochMilliseconds;
}

export function hourReminderAt(booking: Pick<Booking, 'starts_at'>): number {
  return Date.parse(booking.starts_at) - HOUR_MS;
}

/** The claim column of each kind (bookings table). */
export const REMINDER_COLUMN = { day: 'reminded_day_at', hour: 'reminded_hour_at', missed: 'followed_up_at' } as const;

export function dueReminder(booking: RemindableBooking, now: Date): BookingReminder | null {
  if (booking.status !== 'booked') return null;
  const at = now.getTime();
  const changed = Date.parse(booking.updated_at);
  const ends = Date.parse(booking.ends_at);
  if (at >= ends) {
    // Nobody joined from the visitor's side: the booking never got a conversation.
    const missed = booking.conversation_id === null && booking.followed_up_at === null && at < ends + FOLLOW_UP_WINDOW_MS;
    return missed ? 'missed' : null;
  }
  const starts = Date.parse(booking.starts_at);
  if (at >= starts) return null;
  const hourAt = hourReminderAt(booking);
  if (at >= hourAt) return booking.reminded_hour_at === null && changed < hourAt ? 'hour' : null;
  const dayAt = dayReminderAt(booking);
  if (at >= dayAt) return booking.reminded_day_at === null && changed < dayAt ? 'day' : null;
  return null;
}

/** The earliest start a sweep at `now` must look at, and the latest (the day reminder of a 25-hour day). */
export function remindableRange(now: Date): { endsAfter: string; startsBefore: string } {
  return {
    endsAfter: new Date(now.getTime() - FOLLOW_UP_WINDOW_MS).toISOString(),
    startsBefore: new Date(now.getTime() + 26 * HOUR_MS).toISOString(),
  };
}
