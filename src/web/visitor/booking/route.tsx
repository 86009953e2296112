import type { JSX } from 'preact';
import type { DeskInfo } from '../../../shared/protocol';
import type { KeyValueStorage } from '../../common/storage';
import { BOOKING_PAGE_PATH } from './api';

export function isBookingPage(): boolean {
  return location.pathname === BOOKING_PAGE_PATH;
}

/** The private page of a booking, loaded only by those who open one. */
export async function bookingPage(desk: DeskInfo, storage: KeyValueStorage): Promise<JSX.Element> {
  const { BookingPage } = await import('./booking-page');
  return <BookingPage desk={desk} storage={storage} />;
}
