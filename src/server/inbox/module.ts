import { defineModule } from '../module';
import { inboxMigrations } from './migrations';
import { LeftMessageRepository } from './repository';
import { inboxRoutes } from './routes';
import { InboxService } from './service';

declare module '../module' {
  interface Services {
    inbox: InboxService;
  }
}

export const inboxModule = defineModule({
  name: 'inbox',
  migrations: inboxMigrations,
  create({ config, database, clock, desk, services }) {
    const { mail, audit, schedule, topics, auth } = services;
    const inbox = new InboxService({
      repository: new LeftMessageRepository(database.db),
      mail,
      audit,
      schedule,
      topics,
      office: services.office,
      clock,
      publicUrl: config.publicUrl,
      files: config.files,
      reports: services.reports,
    });
    return {
      services: { inbox },
      routes: async (app) => inboxRoutes(app, { desk, inbox, auth, leftPerHour: config.limits.leftMessagesPerHour, files: config.files }),
    };
  },
});
