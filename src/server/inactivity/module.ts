import { defineModule } from '../module';
import { inactivityMigrations } from './migrations';
import { InactivityRepository } from './repository';
import { inactivityRoutes } from './routes';
import { InactivityService } from './service';

declare module '../module' {
  interface Services {
    /** Idle and abandoned conversations: the thresholds, the sweep, rejoining the queue. */
    inactivity: InactivityService;
  }
}

export const inactivityModule = defineModule({
  name: 'inactivity',
  migrations: inactivityMigrations,
  create({ database, clock, log, desk, hub, services }) {
    const { conversations, conversationLog, audit, auth } = services;
    const inactivity = new InactivityService({ desk, repository: new InactivityRepository(database.db), conversations, conversationLog, hub, audit, clock, log });
    return {
      services: { inactivity },
      routes: async (app) => inactivityRoutes(app, { auth, inactivity }),
      frames: {
        'visitor.rejoin': (_frame, socket) => inactivity.rejoin(socket.visitorConversationId()),
      },
      sockets: {
        async visitorWelcomed(conversationId) {
          await inactivity.seen(conversationId);
          return [];
        },
      },
      jobs: [{ name: 'idle and abandoned conversations', start: () => inactivity.start() }],
    };
  },
});
