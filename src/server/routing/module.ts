import { defineModule } from '../module';
import { routingFrames, routingSocketHooks } from './frames';
import { Presence } from './presence';
import { RoutingRepository } from './repository';
import { routingRoutes } from './routes';
import { RoutingService } from './service';

declare module '../module' {
  interface Services {
    /** Offers, the queue's estimates, routing settings. */
    routing: RoutingService;
    /** Staff connections and availability on every instance. */
    presence: Presence;
  }
}

export const routingModule = defineModule({
  name: 'routing',
  create({ config, database, bus, clock, log, desk, hub, services }) {
    const { conversations, schedule, staff, audit, auth } = services;
    const repository = new RoutingRepository(database.db);
    const presence = new Presence(repository, bus, clock, staff);
    const routing = new RoutingService({ desk, repository, presence, conversations, schedule, staff, bus, hub, audit, clock, defaults: config.routing, log });
    return {
      services: { routing, presence },
      routes: async (app) => routingRoutes(app, { auth, routing }),
      frames: routingFrames({ routing, presence }),
      sockets: routingSocketHooks({ routing, presence, conversations, clock }),
      deliver: {
        'routing-offer': (event, fanout) =>
          fanout.toStaff(event.deskId, [event.staffId], {
            type: 'routing.offer',
            conversation: event.conversation,
            expiresAt: event.expiresAt,
            sentAt: clock.now().toISOString(),
          }),
        'routing-offer-ended': (event, fanout) =>
          fanout.toStaff(event.deskId, [event.staffId], { type: 'routing.offer.ended', conversationId: event.conversationId }),
        'staff-presence': (event, fanout) => fanout.toAllStaff(event.deskId, { type: 'staff.presence', staff: event.staff }),
      },
      jobs: [
        {
          name: 'offers and the disconnect grace',
          start: () => {
            routing.start();
            return () => routing.stop();
          },
        },
      ],
    };
  },
});
