/** Booked calls (src/server/bookings; docs/bookings.md). */
import * as z from 'zod/mini';
import { languageSchema, startConversationResponseSchema, topicIdSchema } from '../desk-protocol';
import { callKindSchema } from './calls';
import { conversationIdSchema, emailAddressSchema } from './common';
import { defineRoute } from './contract';
import { isoDateSchema } from './schedule';

/** Stored: a booking is live until cancelled. */
const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** An IANA time zone id as the browser reports it; the server also checks that Intl knows it. */
const timeZoneIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_+\-/]+$/));

const bookingSlotSchema = z.object({
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Bookings this slot still takes in the requested language (always ≥ 1 in a list of free slots). */
  placesLeft: z.int(),
});
export type BookingSlot = z.infer<typeof bookingSlotSchema>;

const bookingSlotsResponseSchema = z.object({
  /** The office's time zone, in which the days are grouped. */
  timeZone: z.string(),
  slotMinutes: z.int(),
  slots: z.array(bookingSlotSchema),
});
export type BookingSlotsResponse = z.infer<typeof bookingSlotsResponseSchema>;

const createBookingRequestSchema = z.object({
  language: languageSchema,
  topic: topicIdSchema,
  callKind: callKindSchema,
  startsAt: z.iso.datetime(),
  /** Required by the form when the office sends e-mail (`DeskInfo.sendsEmail`); without it, not asked and not kept. */
  email: z.optional(emailAddressSchema),
  /** The visitor's own time zone, for the times in their e-mails. */
  timeZone: timeZoneIdSchema,
  privacyAccepted: z.literal(true),
  /** The visitor came to the page while the desk was closed, and this is what they did next (counted once). */
  closedVisit: z.optional(z.literal(true)),
});
export type CreateBookingRequest = z.infer<typeof createBookingRequestSchema>;

const moveBookingRequestSchema = z.object({
  startsAt: z.iso.datetime(),
  timeZone: timeZoneIdSchema,
});
export type MoveBookingRequest = z.infer<typeof moveBookingRequestSchema>;

/** What the visitor's private link shows. */
const visitorBookingSchema = z.object({
  status: z.enum(BOOKING_STATUSES),
  language: languageSchema,
  topic: topicIdSchema,
  callKind: callKindSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  officeTimeZone: z.string(),
  /** From when "Join the call" is offered (a few minutes before the start) until `endsAt`. */
  joinFrom: z.iso.datetime(),
});
export type VisitorBooking = z.infer<typeof visitorBookingSchema>;

const createBookingResponseSchema = z.object({
  /** The key of the private link `/booking#<token>`: keep it out of URLs that get logged. */
  token: z.string(),
  booking: visitorBookingSchema,
});
export type CreateBookingResponse = z.infer<typeof createBookingResponseSchema>;

const bookingResponseSchema = z.object({ booking: visitorBookingSchema });

/** How a booking looks on the console's agenda, from its stored status, its conversation and the time. */
const AGENDA_STATUSES = ['booked', 'waiting', 'in_progress', 'done', 'missed', 'cancelled'] as const;
const agendaStatusSchema = z.enum(AGENDA_STATUSES);
export type AgendaStatus = z.infer<typeof agendaStatusSchema>;

const agendaEntrySchema = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  language: languageSchema,
  topic: topicIdSchema,
  callKind: callKindSchema,
  status: agendaStatusSchema,
  /** The conversation the visitor joined with, once they have. */
  conversationId: z.nullable(conversationIdSchema),
});
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

/** A day of the calendar, YYYY-MM-DD, that exists (not 2026-02-30). */
const calendarDateSchema = isoDateSchema.check(
  z.refine((date) => {
    const at = new Date(`${date}T12:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(date);
  }),
);

const agendaResponseSchema = z.object({
  /** YYYY-MM-DD in the office's time zone. */
  date: z.string(),
  /** The office's today, from which the console counts "tomorrow". */
  today: z.string(),
  timeZone: z.string(),
  entries: z.array(agendaEntrySchema),
});
export type AgendaResponse = z.infer<typeof agendaResponseSchema>;

export const BOOKING_ROUTES = {
  slots: defineRoute({
    method: 'GET',
    path: '/api/bookings/slots',
    auth: 'none',
    query: z.object({ language: languageSchema }),
    response: bookingSlotsResponseSchema,
  }),
  book: defineRoute({
    method: 'POST',
    path: '/api/bookings',
    auth: 'none',
    body: createBookingRequestSchema,
    response: createBookingResponseSchema,
    status: 201,
  }),
  current: defineRoute({ method: 'GET', path: '/api/bookings/current', auth: 'visitor-token', response: bookingResponseSchema }),
  move: defineRoute({
    method: 'POST',
    path: '/api/bookings/current/move',
    auth: 'visitor-token',
    body: moveBookingRequestSchema,
    response: bookingResponseSchema,
  }),
  cancel: defineRoute({ method: 'POST', path: '/api/bookings/current/cancel', auth: 'visitor-token', response: bookingResponseSchema }),
  /** The visitor deletes the booking (a live one frees its place; no mail). */
  erase: defineRoute({ method: 'DELETE', path: '/api/bookings/current', auth: 'visitor-token', response: null }),
  join: defineRoute({ method: 'POST', path: '/api/bookings/current/join', auth: 'visitor-token', response: startConversationResponseSchema }),
  /** One office day (YYYY-MM-DD); the office's today without a date. */
  agenda: defineRoute({
    method: 'GET',
    path: '/api/staff/agenda',
    auth: 'staff',
    query: z.object({ date: z.optional(calendarDateSchema) }),
    response: agendaResponseSchema,
  }),
};
