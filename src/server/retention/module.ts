import { defineModule } from '../module';
import { RetentionJob } from './job';
import { RetentionRepository } from './repository';

export const retentionModule = defineModule({
  name: 'retention',
  create({ config, database, clock, log }) {
    const job = new RetentionJob(new RetentionRepository(database.db), clock, { days: config.retentionDays, auditDays: config.auditRetentionDays }, log);
    return { jobs: [{ name: 'retention', start: () => job.start() }] };
  },
});
