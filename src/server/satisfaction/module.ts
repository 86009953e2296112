/**
 * Satisfaction: the visitor's rating after a conversation or an answered left message. Its own
 * module (after conversations and inbox, whose tokens it checks) with its own tables; the rating
 * is counted through the reports module like any other fact.
 */
import { defineModule } from '../module';
import { satisfactionMigrations } from './migrations';
import { SatisfactionRepository } from './repository';
import { satisfactionRoutes } from './routes';
import { SatisfactionService } from './service';

declare module '../module' {
  interface Services {
    satisfaction: SatisfactionService;
  }
}

export const satisfactionModule = defineModule({
  name: 'satisfaction',
  migrations: satisfactionMigrations,
  create({ database, clock, desk, services }) {
    const { conversations, inbox, reports, auth } = services;
    const satisfaction = new SatisfactionService({
      repository: new SatisfactionRepository(database.db),
      conversations,
      inbox,
      reports,
      clock,
      timeZone: desk.timeZone,
    });
    return {
      services: { satisfaction },
      routes: async (app) => satisfactionRoutes(app, { desk, satisfaction, auth }),
    };
  },
});
