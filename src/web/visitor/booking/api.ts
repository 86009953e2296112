import type { UiLanguage } from '../../../shared/languages';
import {
  BOOKING_ROUTES,
  type BookingSlotsResponse,
  type CreateBookingRequest,
  type CreateBookingResponse,
  type MoveBookingRequest,
  type StartConversationResponse,
  type VisitorBooking,
} from '../../../shared/protocol';
import { api } from '../../common/api';
import { closedVisitClaim, closedVisitFollowed } from '../closed-visit';
import { BOOKING_PAGE_PATH } from './route';

/** The private page in `language` (the page otherwise follows the browser's languages). */
export function bookingPageLink(token: string, language: UiLanguage): string {
  return `${BOOKING_PAGE_PATH}?lang=${language}#${token}`;
}

export function fetchSlots(language: UiLanguage): Promise<BookingSlotsResponse> {
  return api(BOOKING_ROUTES.slots, { query: { language } });
}

/** A new booking, saying whether it follows a visit while closed (closed-visit.ts). */
export async function createBooking(request: CreateBookingRequest): Promise<CreateBookingResponse> {
  const booked = await api(BOOKING_ROUTES.book, { body: { ...request, ...closedVisitClaim() } });
  closedVisitFollowed();
  return booked;
}

export async function fetchBooking(token: string): Promise<VisitorBooking> {
  return (await api(BOOKING_ROUTES.current, { token })).booking;
}

export async function moveBooking(token: string, request: MoveBookingRequest): Promise<VisitorBooking> {
  return (await api(BOOKING_ROUTES.move, { token, body: request })).booking;
}

export async function cancelBooking(token: string): Promise<VisitorBooking> {
  return (await api(BOOKING_ROUTES.cancel, { token })).booking;
}

export function joinBookedCall(token: string): Promise<StartConversationResponse> {
  return api(BOOKING_ROUTES.join, { token });
}

/** Deletes the booking for good (a live one frees its time; no e-mail). */
export function eraseBooking(token: string): Promise<void> {
  return api(BOOKING_ROUTES.erase, { token });
}
