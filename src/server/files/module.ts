import { defineModule } from '../module';
import { FileRepository } from './repository';
import { fileRoutes } from './routes';
import { FileService } from './service';

declare module '../module' {
  interface Services {
    files: FileService;
  }
}

export const filesModule = defineModule({
  name: 'files',
  create({ config, database, clock, desk, messageRateLimiter, services }) {
    const { conversations, auth } = services;
    const files = new FileService(new FileRepository(database.db), conversations, clock, config.files);
    return {
      services: { files },
      routes: async (app) => fileRoutes(app, { desk, auth, conversations, files, rateLimiter: messageRateLimiter }),
    };
  },
});
