import { defineModule } from '../module';
import { repeatEvery } from '../periodic';
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
  create({ config, database, clock, log, desk, services }) {
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
      screening: services.uploadScreening,
    });
    const scan = config.files.virusScan;
    return {
      services: { inbox },
      jobs: scan
        ? [
            {
              name: 'inbox.rescan',
              start: () => repeatEvery(scan.retrySeconds * 1000, () => inbox.scanPendingFiles(desk.id), (error) => log.error({ err: error }, 'scanning pending left-message files failed')),
            },
          ]
        : [],
      routes: async (app) => inboxRoutes(app, { desk, inbox, auth, leftPerHour: config.limits.leftMessagesPerHour, files: config.files, blocks: services.blocks, proofOfWork: services.proofOfWork }),
    };
  },
});
