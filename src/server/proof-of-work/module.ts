import { defineModule } from '../module';
import { proofOfWorkMigrations } from './migrations';
import { ProofOfWorkRepository } from './repository';
import { ProofOfWorkService } from './service';

declare module '../module' {
  interface Services {
    proofOfWork: ProofOfWorkService;
  }
}

export const proofOfWorkModule = defineModule({
  name: 'proof-of-work',
  migrations: proofOfWorkMigrations,
  create({ config, database, clock, desk }) {
    return { services: { proofOfWork: new ProofOfWorkService(desk.id, new ProofOfWorkRepository(database.db), config.proofOfWork, clock) } };
  },
});
