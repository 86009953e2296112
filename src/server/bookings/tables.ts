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
  /** The address lower-cased: whose live bookings count towards BOOKINGS_PER_EMAIL (null before migration 0017 filled it). */
  email_key: string | null;
  /** SHA-256 of the booking client's network (clientNetwork: IPv6 by /64), for BOOKINGS_PER_IP; never the address itself. */
  client_key: string | null;
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
  /** Booked, moved, cancelled or joined: the last change. */
  updated_at: string;
  /** When the day-before reminder was claimed (once; cleared by a move, as the new time needs its own). */
  reminded_day_at: string | null;
  /** When the hour-before reminder was claimed (likewise). */
  reminded_hour_at: string | null;
  /** When the follow-up of a missed booking (nobody joined) was claimed. */
  followed_up_at: string | null;
}

/** A further private link to a booking, minted for a reminder; as valid as the first one. */
export interface BookingLinksTable {
  /** SHA-256 of the token; the token itself is only in the mail. */
  token_hash: string;
  booking_id: string;
  created_at: string;
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

/**
 * One row per holder (an e-mail address or a client network, hashed) that ever booked: a new
 * booking updates its holders' rows first, which locks them until it commits, so two bookings by
 * the same holder on different instances count each other's and cannot both pass the limit.
 * Retention deletes rows not touched for a day.
 */
export interface BookingHolderLocksTable {
  holder_key: string;
  touched_at: string;
}

export interface BookingTables {
  bookings: BookingsTable;
  booking_slots: BookingSlotsTable;
  booking_links: BookingLinksTable;
  booking_holder_locks: BookingHolderLocksTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends BookingTables {}
}
