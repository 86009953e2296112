import { defineModule } from '../module';
import { helpMigrations } from './migrations';
import { HelpRepository } from './repository';
import { helpRoutes } from './routes';
import { HelpService } from './service';
import { STARTER_ARTICLES } from './starter/articles';

declare module '../module' {
  interface Services {
    /** The knowledge base; `helpfulnessCounts(period)` is what the reports read. */
    help: HelpService;
  }
}

export const helpModule = defineModule({
  name: 'help',
  migrations: helpMigrations,
  async create({ database, clock, desk, services }) {
    const help = new HelpService(new HelpRepository(database.db, database.engine), services.audit, clock, desk.id);
    await help.seedExamples(STARTER_ARTICLES);
    return {
      services: { help },
      routes: async (app) => helpRoutes(app, { auth: services.auth, help, topics: services.topics, desk }),
    };
  },
});
