import { defineModule } from '../module';
import { handoffMigrations } from './migrations';
import { HandoffRepository } from './repository';
import { handoffRoutes } from './routes';
import { HandoffService } from './service';

declare module '../module' {
  interface Services {
    /** Continuing a conversation on another device by its case code or QR link. */
    handoff: HandoffService;
  }
}

export const handoffModule = defineModule({
  name: 'handoff',
  migrations: handoffMigrations,
  create({ config, database, clock, desk, services }) {
    const handoff = new HandoffService({ desk, repository: new HandoffRepository(database.db), conversations: services.conversations, clock, publicUrl: config.publicUrl });
    return {
      services: { handoff },
      routes: async (app) =>
        handoffRoutes(app, { deskId: desk.id, handoff, attemptsPerHour: config.limits.caseCodeAttemptsPerHour, failuresPerHour: config.limits.caseCodeFailuresPerHour, proofOfWork: services.proofOfWork }),
    };
  },
});
