import type { DeskInfo } from '../../shared/protocol';
import { defineModule } from '../module';
import type { Desk } from './desk';
import { deskInfo } from './info';
import { deskRoutes } from './routes';

declare module '../module' {
  interface ModuleContext {
    /** The desk this instance serves (loaded by buildApp before any module). */
    desk: Desk;
  }
  interface Services {
    /** What the visitor page needs first (`GET /api/desk`, and inlined in the page itself). */
    deskInfo: { current(): Promise<DeskInfo> };
  }
}

/** The desk itself is in every module's context; this module serves what visitors see of it. */
export const desksModule = defineModule({
  name: 'desks',
  create({ config, desk, services }) {
    const sources = { desk, schedule: services.schedule, topics: services.topics, office: services.office, files: config.files, calls: config.calls };
    const current = () => deskInfo(sources);
    return {
      services: { deskInfo: { current } },
      routes: async (app) => deskRoutes(app, { info: current }),
    };
  },
});
