import { defineModule } from '../module';
import { closingMigrations } from './migrations';
import { ClosingRepository } from './repository';
import { closingRoutes } from './routes';
import { ClosingService } from './service';

declare module '../module' {
  interface Services {
    /** Waiting visitors at closing: the offer, turning a conversation into a left message, the end. */
    closing: ClosingService;
  }
}

export const closingModule = defineModule({
  name: 'closing',
  migrations: closingMigrations,
  create({ database, clock, log, desk, services }) {
    const { conversations, conversationLog, schedule, routing, inbox } = services;
    const closing = new ClosingService({ desk, repository: new ClosingRepository(database.db), conversations, conversationLog, schedule, routing, inbox, clock, log });
    return {
      services: { closing },
      routes: async (app) => closingRoutes(app, { closing }),
      jobs: [{ name: 'waiting visitors at closing', start: () => closing.start() }],
    };
  },
});
