import { defineModule } from '../module';
import { scheduleAdminRoutes } from './admin-routes';
import { createScheduleService, type ScheduleService } from './service';

declare module '../module' {
  interface Services {
    schedule: ScheduleService;
  }
}

export const scheduleModule = defineModule({
  name: 'schedule',
  create({ config, database, clock, services }) {
    const schedule = createScheduleService(database, config, clock, services.audit);
    return {
      services: { schedule },
      routes: async (app) =>
        scheduleAdminRoutes(app, { auth: services.auth, schedule, lastEntryMinutes: config.schedule.lastEntryMinutes }),
    };
  },
});
