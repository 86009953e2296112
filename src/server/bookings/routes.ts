import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createBookingRequestSchema,
  languageSchema,
  moveBookingRequestSchema,
  type AgendaResponse,
  type BookingSlotsResponse,
  type CreateBookingResponse,
  type StartConversationResponse,
  type VisitorBooking,
} from '../../shared/protocol';
import { requireStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { toVisitorView } from '../conversations/mappers';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { parseBody, tokenFromAuthorization } from '../http';
import type { BookingRow } from './repository';
import type { BookingService } from './service';

export interface BookingRouteOptions {
  desk: Desk;
  bookings: BookingService;
  auth: AuthService;
  slotMinutes: number;
  /** New bookings per IP per minute (the same limit as new conversations). */
  bookingsPerMinute: number;
}

/** The private link's token (the page reads it from the URL fragment). */
const bookingToken = (request: FastifyRequest): string => tokenFromAuthorization(request, 'booking_not_found');

export async function bookingRoutes(app: FastifyInstance, options: BookingRouteOptions): Promise<void> {
  const { desk, bookings } = options;
  const view = (booking: BookingRow): { booking: VisitorBooking } => ({
    booking: bookings.toVisitorView(booking, desk),
  });

  app.get<{ Querystring: { language?: string } }>('/api/bookings/slots', async (request): Promise<BookingSlotsResponse> => {
    const language = languageSchema.safeParse(request.query.language);
    if (!language.success) throw new AppError('validation_failed', 'language');
    const slots = await bookings.freeSlots(desk, language.data);
    return { timeZone: desk.timeZone, slotMinutes: options.slotMinutes, slots };
  });

  app.post(
    '/api/bookings',
    { config: { rateLimit: { max: options.bookingsPerMinute, timeWindow: 60_000 } } },
    async (request, reply): Promise<CreateBookingResponse> => {
      const body = parseBody(createBookingRequestSchema, request.body);
      const { token, booking } = await bookings.book(desk, body);
      void reply.status(201);
      return { token, ...view(booking) };
    },
  );

  app.get('/api/bookings/current', async (request) => view(await bookings.findByToken(bookingToken(request))));

  app.post('/api/bookings/current/move', async (request) => {
    const body = parseBody(moveBookingRequestSchema, request.body);
    return view(await bookings.move(desk, bookingToken(request), body));
  });

  app.post('/api/bookings/current/cancel', async (request) => view(await bookings.cancel(desk, bookingToken(request))));

  app.post('/api/bookings/current/join', async (request): Promise<StartConversationResponse> => {
    const { token, conversation } = await bookings.join(desk, bookingToken(request));
    return { token, conversation: toVisitorView(conversation) };
  });

  app.get<{ Querystring: { date?: string } }>(
    '/api/staff/agenda',
    { preHandler: requireStaff(options.auth) },
    async (request): Promise<AgendaResponse> => {
      const date = request.query.date ?? bookings.today(desk);
      return { date, timeZone: desk.timeZone, entries: await bookings.agenda(desk, date) };
    },
  );
}
