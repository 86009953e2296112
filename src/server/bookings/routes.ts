import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BOOKING_ROUTES, type VisitorBooking } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { toVisitorView } from '../conversations/mappers';
import { visitorClient, type BlockService } from '../blocks/service';
import type { Desk } from '../desks/desk';
import type { ProofOfWorkService } from '../proof-of-work/service';
import { tokenFromAuthorization } from '../http';
import type { BookingService } from './service';
import type { Booking } from './types';

export interface BookingRouteOptions {
  desk: Desk;
  bookings: BookingService;
  auth: AuthService;
  slotMinutes: number;
  /** New bookings per IP per minute (the same limit as new conversations). */
  bookingsPerMinute: number;
  blocks: Pick<BlockService, 'assertNotBlocked'>;
  /** Past a per-address limit, a proof of work (src/server/proof-of-work). */
  proofOfWork: Pick<ProofOfWorkService, 'limit'>;
}

/** The private link's token (the page reads it from the URL fragment). */
const bookingToken = (request: FastifyRequest): string => tokenFromAuthorization(request, 'booking_not_found');

export async function bookingRoutes(app: FastifyInstance, options: BookingRouteOptions): Promise<void> {
  const { desk, bookings, auth } = options;
  const view = (booking: Booking): { booking: VisitorBooking } => ({
    booking: bookings.toVisitorView(booking, desk),
  });

  serve(app, BOOKING_ROUTES.slots, {}, async ({ query }) => {
    const slots = await bookings.freeSlots(desk, query.language);
    return { timeZone: desk.timeZone, slotMinutes: options.slotMinutes, slots };
  });

  // Bookings and their moves count together: each sends an e-mail.
  const bookLimit = options.proofOfWork.limit(app, { scope: 'booking', max: options.bookingsPerMinute, timeWindowMs: 60_000 });
  serve(app, BOOKING_ROUTES.book, { onRequest: bookLimit }, async ({ body }, request) => {
    const client = visitorClient(request);
    await options.blocks.assertNotBlocked(desk.id, client);
    const { token, booking } = await bookings.book(desk, body, client.networkHash);
    return { token, ...view(booking) };
  });

  serve(app, BOOKING_ROUTES.current, {}, async (_input, request) => view(await bookings.findByToken(bookingToken(request))));

  serve(app, BOOKING_ROUTES.move, { onRequest: bookLimit }, async ({ body }, request) => view(await bookings.move(desk, bookingToken(request), body)));

  serve(app, BOOKING_ROUTES.cancel, {}, async (_input, request) => view(await bookings.cancel(desk, bookingToken(request))));

  serve(app, BOOKING_ROUTES.erase, {}, async (_input, request) => bookings.eraseByToken(bookingToken(request)));

  serve(app, BOOKING_ROUTES.join, {}, async (_input, request) => {
    const client = visitorClient(request);
    await options.blocks.assertNotBlocked(desk.id, client);
    const { token, conversation } = await bookings.join(desk, bookingToken(request), client.networkHash);
    return { token, conversation: toVisitorView(conversation) };
  });

  serve(app, BOOKING_ROUTES.agenda, { auth }, async ({ query }) => {
    const today = bookings.today(desk);
    const date = query.date ?? today;
    return { date, today, timeZone: desk.timeZone, entries: await bookings.agenda(desk, date) };
  });
}
