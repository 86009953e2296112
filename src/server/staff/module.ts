import { defineModule } from '../module';
import { StaffRepository } from './repository';
import { staffAdminRoutes } from './routes';
import { StaffService } from './service';

declare module '../module' {
  interface Services {
    /** The desk's staff as colleagues see them, and /admin's staff accounts. */
    staff: StaffService;
  }
}

export const staffModule = defineModule({
  name: 'staff',
  create({ database, bus, services }) {
    const { auth, audit, topics } = services;
    const staff = new StaffService(new StaffRepository(database.db), auth, topics, bus, audit);
    audit.nameTargets('staff', (deskId, ids) => staff.names(deskId, ids));
    return {
      services: { staff },
      routes: async (app) => staffAdminRoutes(app, { auth, staff }),
    };
  },
});
