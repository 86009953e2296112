import { defineModule } from '../module';
import { StaffAccountRepository } from './repository';
import { staffAdminRoutes } from './routes';
import { StaffAdminService } from './service';

export const staffAdminModule = defineModule({
  name: 'staff-admin',
  create({ database, bus, services }) {
    const { auth, audit, topics } = services;
    const staff = new StaffAdminService(new StaffAccountRepository(database.db), auth, topics, bus);
    return {
      routes: async (app) => staffAdminRoutes(app, { auth, audit, staff }),
    };
  },
});
