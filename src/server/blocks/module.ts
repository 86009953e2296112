import { defineModule } from '../module';
import { blockMigrations } from './migrations';
import { BlockRepository } from './repository';
import { blockRoutes } from './routes';
import { BlockService } from './service';

declare module '../module' {
  interface Services {
    blocks: BlockService;
  }
}

export const blocksModule = defineModule({
  name: 'blocks',
  migrations: blockMigrations,
  create({ database, clock, services }) {
    const { audit, auth } = services;
    const blocks = new BlockService(new BlockRepository(database.db), audit, clock);
    return {
      services: { blocks },
      routes: async (app) => blockRoutes(app, { auth, blocks, conversations: () => services.conversations }),
    };
  },
});
