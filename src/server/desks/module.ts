import { defineModule } from '../module';
import { deskRoutes } from './routes';

/** The desk itself is infrastructure (ModuleContext.desk); this module serves what visitors see of it. */
export const desksModule = defineModule({
  name: 'desks',
  create({ config, desk, services }) {
    return {
      routes: async (app) => deskRoutes(app, { desk, schedule: services.schedule, topics: services.topics, files: config.files, calls: config.calls }),
    };
  },
});
