import type { UiLanguage } from '../../../shared/languages';
import {
  bookingResponseSchema,
  bookingSlotsResponseSchema,
  createBookingResponseSchema,
  startConversationResponseSchema,
  type BookingSlotsResponse,
  type CreateBookingRequest,
  type CreateBookingResponse,
  type MoveBookingRequest,
  type StartConversationResponse,
  type VisitorBooking,
} from '../../../shared/protocol';
import { bearer, postJson, requestJson } from '../../common/api';
import { BOOKING_PAGE_PATH } from './route';

/** The private page in `language` (the page otherwise follows the browser's languages). */
export function bookingPageLink(token: string, language: UiLanguage): string {
  return `${BOOKING_PAGE_PATH}?lang=${language}#${token}`;
}

export function fetchSlots(language: UiLanguage): Promise<BookingSlotsResponse> {
  return requestJson(`/api/bookings/slots?language=${encodeURIComponent(language)}`, bookingSlotsResponseSchema);
}

export function createBooking(request: CreateBookingRequest): Promise<CreateBookingResponse> {
  return requestJson('/api/bookings', createBookingResponseSchema, postJson(request));
}

export async function fetchBooking(token: string): Promise<VisitorBooking> {
  return (await requestJson('/api/bookings/current', bookingResponseSchema, { headers: bearer(token) })).booking;
}

export async function moveBooking(token: string, request: MoveBookingRequest): Promise<VisitorBooking> {
  return (await requestJson('/api/bookings/current/move', bookingResponseSchema, postJson(request, bearer(token)))).booking;
}

export async function cancelBooking(token: string): Promise<VisitorBooking> {
  return (await requestJson('/api/bookings/current/cancel', bookingResponseSchema, postJson({}, bearer(token)))).booking;
}

export function joinBookedCall(token: string): Promise<StartConversationResponse> {
  return requestJson('/api/bookings/current/join', startConversationResponseSchema, postJson({}, bearer(token)));
}
