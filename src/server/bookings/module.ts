import { defineModule } from '../module';
import { bookingMigrations } from './migrations';
import { bookingRoutes } from './routes';
import { createBookingService, type BookingService } from './service';

declare module '../module' {
  interface Services {
    bookings: BookingService;
  }
}

export const bookingsModule = defineModule({
  name: 'bookings',
  migrations: bookingMigrations,
  create({ config, database, clock, log, desk, services }) {
    const { schedule, conversations, mail, topics, staff, auth, reports } = services;
    const bookings = createBookingService(database, config, clock, { schedule, conversations, mail, topics, staff, office: services.office, reports, log });
    return {
      services: { bookings },
      routes: async (app) =>
        bookingRoutes(app, { desk, bookings, auth, slotMinutes: config.booking.slotMinutes, bookingsPerMinute: config.limits.conversationsPerMinute, blocks: services.blocks, proofOfWork: services.proofOfWork }),
      jobs: [
        {
          name: 'booking reminders',
          start: () => bookings.startReminders(desk, (error) => log.error({ err: error }, 'booking reminders failed')),
        },
      ],
    };
  },
});
