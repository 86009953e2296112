import { defineModule } from '../module';
import { VisitorContextRepository } from './repository';
import { visitorContextRoutes } from './routes';
import { VisitorContextService } from './service';

declare module '../module' {
  interface Services {
    visitorContext: VisitorContextService;
  }
}

export const visitorContextModule = defineModule({
  name: 'visitor-context',
  create({ database, services }) {
    const visitorContext = new VisitorContextService(new VisitorContextRepository(database.db), services.conversations);
    return {
      services: { visitorContext },
      routes: async (app) => visitorContextRoutes(app, { auth: services.auth, context: visitorContext }),
    };
  },
});
