import type { CallPolicy } from '../../shared/protocol';
import { defineModule } from '../module';
import type { Desk } from './desk';
import { deskRoutes } from './routes';

declare module '../module' {
  interface ModuleContext {
    /** The desk this instance serves (loaded by buildApp before any module). */
    desk: Desk;
  }
  interface Services {
    /** What the desk's info says that later modules decide (calls registers its policy). */
    deskInfo: DeskInfoSources;
  }
}

export type CallPolicyLookup = (deskId: string) => Promise<CallPolicy>;

/** Parts of the desk's info owned by modules created after this one, which register them here. */
export class DeskInfoSources {
  constructor(private callPolicyOf: CallPolicyLookup) {}

  useCallPolicy(lookup: CallPolicyLookup): void {
    this.callPolicyOf = lookup;
  }

  callPolicy(deskId: string): Promise<CallPolicy> {
    return this.callPolicyOf(deskId);
  }
}

/** The desk itself is in every module's context; this module serves what visitors see of it. */
export const desksModule = defineModule({
  name: 'desks',
  create({ config, desk, services }) {
    const deskInfo = new DeskInfoSources(async () => ({ visitorMayStart: config.calls.visitorMayStart }));
    return {
      services: { deskInfo },
      routes: async (app) =>
        deskRoutes(app, { desk, schedule: services.schedule, topics: services.topics, office: services.office, files: config.files, calls: config.calls, deskInfo }),
    };
  },
});
