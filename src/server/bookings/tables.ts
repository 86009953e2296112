import type { BookingStatus, CallKind } from '../../shared/protocol';

export interface BookingsTable {
  id: string;
  desk_id: string;
  /** SHA-256 of the visitor's private link token; the token itself is never stored. */
  token_hash: string;
  language: string;
  topic: string;
  call_kind: CallKind;
  /** Where the confirmation, changes and cancellation are sent; never logged. */
  email: string;
  /** The visitor's IANA time zone, for the times in their e-mails. */
  visitor_time_zone: string;
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  /** iCalendar SEQUENCE: 0 when booked, +1 on every move and on cancellation. */
  sequence: number;
  /** The conversation the visitor joined the call with (the latest, if they joined again). */
  conversation_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One row per slot start that was ever booked: the number of live bookings in it. Booking, moving
 * and cancelling change it in the same transaction as the booking, and booking increments it only
 * while it is below the capacity — one conditional update, so concurrent bookings of the last
 * place (on any number of instances) cannot both succeed.
 */
export interface BookingSlotsTable {
  desk_id: string;
  starts_at: string;
  booked: number;
}

export interface BookingTables {
  bookings: BookingsTable;
  booking_slots: BookingSlotsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends BookingTables {}
}
