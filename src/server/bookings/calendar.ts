/**
 * The booking as an iCalendar file (RFC 5545) for the visitor's calendar. The UID stays the same
 * for the booking's whole life and SEQUENCE counts its changes, so a calendar updates the one
 * event on a move and removes it on METHOD:CANCEL. Times are written in UTC. The visitor's own
 * calendar reminds them the day before and an hour before (VALARM), as the office would.
 */
import { createEvent } from 'ics';
import type { Booking } from './types';

export interface CalendarText {
  title: string;
  description: string;
  /** The private link; the file goes to the visitor only. */
  url: string;
  organizer: { name: string; email: string };
}

/** When the calendar reminds the visitor of the call, before it starts. */
// 24 hours, not 1 day: the ics library writes a day as "-P1DT", which RFC 5545 does not allow.
export const CALENDAR_REMINDERS = [{ hours: 24 }, { hours: 1 }] as const;

export function bookingUid(booking: Pick<Booking, 'id'>): string {
  return `${booking.id}@e-konsultant`;
}

export function bookingCalendar(booking: Booking, text: CalendarText): string {
  const cancelled = booking.status === 'cancelled';
  const { error, value } = createEvent({
    productId: 'e-konsultant',
    method: cancelled ? 'CANCEL' : 'REQUEST',
    uid: bookingUid(booking),
    sequence: booking.sequence,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: Date.parse(booking.starts_at),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(booking.ends_at),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: text.title,
    description: text.description,
    url: text.url,
    organizer: text.organizer,
    alarms: cancelled ? [] : CALENDAR_REMINDERS.map((before) => ({ action: 'display' as const, description: text.title, trigger: { ...before, before: true } })),
  });
  if (error || !value) throw error ?? new Error('the calendar file could not be written');
  return value;
}
