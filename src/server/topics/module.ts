import { defineModule } from '../module';
import { TopicRepository } from './repository';
import { topicAdminRoutes } from './routes';
import { TopicService } from './service';

declare module '../module' {
  interface Services {
    /** The topics offered to visitors, as /admin keeps them. */
    topics: TopicService;
  }
}

export const topicsModule = defineModule({
  name: 'topics',
  async create({ config, database, clock, desk, services }) {
    const topics = new TopicService(new TopicRepository(database.db), clock, config.desk.languages, services.audit);
    services.audit.nameTargets('topic', (deskId, ids, language) => topics.names(deskId, ids, language));
    await topics.seed(desk.id, config.desk.topics);
    return {
      services: { topics },
      routes: async (app) => topicAdminRoutes(app, { auth: services.auth, topics }),
    };
  },
});
