import { defineModule } from '../module';
import { CannedAnswerRepository } from './repository';
import { cannedRoutes } from './routes';
import { CannedAnswerService } from './service';

declare module '../module' {
  interface Services {
    canned: CannedAnswerService;
  }
}

export const cannedModule = defineModule({
  name: 'canned',
  create({ database, clock, services }) {
    const canned = new CannedAnswerService(new CannedAnswerRepository(database.db), services.audit, clock);
    return {
      services: { canned },
      routes: async (app) => cannedRoutes(app, { auth: services.auth, canned }),
    };
  },
});
