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
  create({ database, bus, clock, log, desk, hub, services }) {
    const { conversations, conversationLog, audit, auth } = services;
    const inactivity = new InactivityService({ desk, repository: new InactivityRepository(database.db), conversations, conversationLog, hub, bus, audit, clock, log });
    return {
      services: { inactivity },
      routes: async (app) => inactivityRoutes(app, { auth, inactivity }),
      frames: {
        'visitor.rejoin': (_frame, socket) => inactivity.rejoin(socket.visitorConversationId()),
        'visitor.visibility': (frame, socket) => inactivity.visibility(socket.visitorConversationId(), frame.visible),
      },
      deliver: {
        /** Every consultant of the desk: the queue shows it too. */
        'visitor-presence': (event, fanout) =>
          fanout.toAllStaff(event.deskId, { type: 'visitor.presence', conversationId: event.conversationId, presence: event.presence }),
      },
      sockets: {
        async visitorWelcomed(conversationId) {
          await inactivity.seen(conversationId);
          return [];
        },
        visitorLeft: (conversationId) => inactivity.socketClosed(conversationId),
        staffWelcomed: (_actor, welcome) => inactivity.presenceFrames(welcome.conversations.map((conversation) => conversation.id)),
      },
      jobs: [{ name: 'idle and abandoned conversations', start: () => inactivity.start() }],
    };
  },
});
