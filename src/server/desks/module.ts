import { defineModule } from '../module';
import type { Desk } from './desk';
import { deskRoutes } from './routes';

declare module '../module' {
  interface ModuleContext {
    /** The desk this instance serves (loaded by buildApp before any module). */
    desk: Desk;
  }
}

/** The desk itself is in every module's context; this module serves what visitors see of it. */
export const desksModule = defineModule({
  name: 'desks',
  create({ config, desk, services }) {
    return {
      routes: async (app) =>
        deskRoutes(app, {
          desk,
          schedule: services.schedule,
          topics: services.topics,
          office: services.office,
          routing: services.routing,
          mail: services.mail,
          files: config.files,
          calls: config.calls,
        }),
    };
  },
});
