/**
 * Reports: the aggregate store other domains count their events into (ReportService.
 * recordInTransaction, inside their own transactions), and the figures read from it. Created
 * early, before the domains that count into it.
 */
import { defineModule } from '../module';
import { reportMigrations } from './migrations';
import { reportRoutes } from './routes';
import { createReportService, type ReportService } from './service';

declare module '../module' {
  interface Services {
    reports: ReportService;
  }
}

export const reportsModule = defineModule({
  name: 'reports',
  migrations: reportMigrations,
  create({ config, database, clock, desk, services }) {
    const { schedule, staff, auth } = services;
    const reports = createReportService(database, config, clock, desk.timeZone, schedule);
    return {
      services: { reports },
      routes: async (app) => reportRoutes(app, { desk, reports, auth, staff, visitsPerMinute: config.limits.conversationsPerMinute }),
    };
  },
});
