import { BOOKING_ROUTES, type AgendaResponse } from '../../../shared/protocol';
import { api } from '../../common/api';

/** One office day's booked calls (YYYY-MM-DD; the server's today when omitted). */
export function fetchAgenda(date?: string, { background = false } = {}): Promise<AgendaResponse> {
  return api(BOOKING_ROUTES.agenda, { query: { date: date || undefined }, background });
}

/** The calendar day after or before `date` (YYYY-MM-DD), by whole days. */
export function shiftDay(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
