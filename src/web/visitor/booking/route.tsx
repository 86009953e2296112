import type { JSX } from 'preact';
import type { DeskInfo } from '../../../shared/protocol';
import type { KeyValueStorage } from '../../common/storage';

/** The private page's path; its token follows `#`, which the browser sends to no server. */
export const BOOKING_PAGE_PATH = '/booking';

export function isBookingPage(): boolean {
  return location.pathname === BOOKING_PAGE_PATH;
}

/** The private page of a booking, loaded only by those who open one. */
export async function bookingPage(desk: DeskInfo, storage: KeyValueStorage): Promise<JSX.Element> {
  const { BookingPage } = await import('./booking-page');
  return <BookingPage desk={desk} storage={storage} />;
}
