import { defineModule } from '../module';
import { AuditLog } from './audit-log';
import { AuditRepository } from './repository';
import { auditRoutes } from './routes';

declare module '../module' {
  interface Services {
    audit: AuditLog;
  }
}

export const auditModule = defineModule({
  name: 'audit',
  create({ database, clock, services }) {
    const audit = new AuditLog(new AuditRepository(database.db), clock);
    return {
      services: { audit },
      routes: async (app) => auditRoutes(app, { auth: services.auth, audit }),
    };
  },
});
