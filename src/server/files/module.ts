import { defineModule } from '../module';
import { repeatEvery } from '../periodic';
import { fileMigrations } from './migrations';
import { FileRepository } from './repository';
import { fileRoutes } from './routes';
import { UploadScreening } from './screening';
import { FileService } from './service';
import { ClamdScanner } from './virus-scan';

declare module '../module' {
  interface Services {
    files: FileService;
    uploadScreening: UploadScreening;
  }
}

export const filesModule = defineModule({
  name: 'files',
  migrations: fileMigrations,
  create({ config, database, clock, log, desk, messageRateLimiter, services }) {
    const { conversations, auth, audit } = services;
    const scan = config.files.virusScan;
    const uploadScreening = new UploadScreening(scan && new ClamdScanner(scan.address, scan.timeoutMs), audit, log);
    const files = new FileService(new FileRepository(database.db), conversations, clock, config.files, uploadScreening);
    return {
      services: { files, uploadScreening },
      routes: async (app) => fileRoutes(app, { desk, auth, conversations, files, rateLimiter: messageRateLimiter }),
      jobs: scan
        ? [
            {
              name: 'files.rescan',
              start: () => repeatEvery(scan.retrySeconds * 1000, () => files.scanPending(desk), (error) => log.error({ err: error }, 'scanning pending files failed')),
            },
          ]
        : [],
    };
  },
});
