import { defineModule } from '../module';
import { officeMigrations } from './migrations';
import { officePages } from './pages';
import { OfficeRepository } from './repository';
import { officeRoutes } from './routes';
import { OfficeService } from './service';

declare module '../module' {
  interface Services {
    /** The office's profile: its names in each language, contacts, logo and the facts its legal pages state. */
    office: OfficeService;
  }
}

export const officeModule = defineModule({
  name: 'office',
  migrations: officeMigrations,
  create({ config, database, clock, desk, services }) {
    const office = new OfficeService(
      new OfficeRepository(database.db),
      clock,
      { deskName: config.desk.name, languages: config.desk.languages, retentionDays: config.retentionDays, publicUrl: config.publicUrl },
      services.audit,
    );
    return {
      services: { office },
      routes: async (app) => {
        await officeRoutes(app, { auth: services.auth, office, schedule: services.schedule, desk, publicUrl: config.publicUrl, embedOrigins: config.embedOrigins });
        await officePages(app, { desk, office, schedule: services.schedule, publicUrl: config.publicUrl });
      },
    };
  },
});
