import { defineModule } from '../module';
import { PrivacyRepository } from './repository';
import { privacyRoutes } from './routes';
import { PrivacyService } from './service';

/** Data-subject requests in /admin: find, export, erase one person's data; remove one message's text. */
export const privacyModule = defineModule({
  name: 'privacy',
  create({ database, clock, services }) {
    const privacy = new PrivacyService({ repository: new PrivacyRepository(database.db), audit: services.audit, inbox: services.inbox, bookings: services.bookings, clock });
    return { routes: async (app) => privacyRoutes(app, { auth: services.auth, privacy }) };
  },
});
