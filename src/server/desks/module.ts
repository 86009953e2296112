import { defineModule } from '../module';
import type { Desk } from './desk';
import { DeskInfoService } from './info';
import { deskRoutes } from './routes';

declare module '../module' {
  interface ModuleContext {
    /** The desk this instance serves (loaded by buildApp before any module). */
    desk: Desk;
  }
  interface Services {
    /** What the visitor page needs first (`GET /api/desk`, and inlined in the page itself); later modules register their parts. */
    deskInfo: DeskInfoService;
  }
}

/** The desk itself is in every module's context; this module serves what visitors see of it. */
export const desksModule = defineModule({
  name: 'desks',
  create({ config, desk, services }) {
    const deskInfo = new DeskInfoService({
      desk,
      schedule: services.schedule,
      topics: services.topics,
      office: services.office,
      routing: services.routing,
      mail: services.mail,
      files: config.files,
      calls: config.calls,
    });
    return {
      services: { deskInfo },
      routes: async (app) => deskRoutes(app, { info: () => deskInfo.current() }),
    };
  },
});
