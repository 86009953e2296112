import type { FastifyInstance } from 'fastify';
import type { DeskInfo } from '../../shared/protocol';
import type { ScheduleService } from '../schedule/service';
import type { Desk } from './desk';

/** What the visitor page needs before anything else: languages, topics, and whether it is open. */
export async function deskRoutes(app: FastifyInstance, options: { desk: Desk; schedule: ScheduleService }): Promise<void> {
  const { desk, schedule } = options;
  app.get('/api/desk', async (_request, reply): Promise<DeskInfo> => {
    void reply.header('cache-control', 'no-store');
    return {
      name: desk.name,
      languages: [...desk.languages],
      defaultLanguage: desk.defaultLanguage,
      topics: [...desk.topics],
      schedule: await schedule.status(desk.id),
      maxMessageLength: desk.maxMessageLength,
    };
  });
}
