import { defineModule } from '../module';
import { AuditLog } from './audit-log';
import { auditRoutes } from './routes';

declare module '../module' {
  interface Services {
    audit: AuditLog;
  }
}

export const auditModule = defineModule({
  name: 'audit',
  create({ database, clock, services }) {
    const audit = new AuditLog(database.db, clock);
    return {
      services: { audit },
      routes: async (app) => auditRoutes(app, { auth: services.auth, audit }),
    };
  },
});
