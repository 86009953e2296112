import type { FastifyInstance } from 'fastify';
import { DESK_ROUTES } from '../../shared/protocol';
import type { Config } from '../config';
import { serve } from '../contracts';
import type { MailOutbox } from '../mail/outbox';
import type { OfficeService } from '../office/service';
import type { RoutingService } from '../routing/service';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import type { Desk } from './desk';

/** What the visitor page needs before anything else: languages, topics, whether it is open and who is on duty. */
export async function deskRoutes(
  app: FastifyInstance,
  options: {
    desk: Desk;
    schedule: ScheduleService;
    topics: TopicService;
    office: OfficeService;
    routing: Pick<RoutingService, 'languagesOnDuty'>;
    mail: Pick<MailOutbox, 'enabled'>;
    files: Config['files'];
    calls: Config['calls'];
  },
): Promise<void> {
  const { desk, schedule, topics, office, routing, mail, files, calls } = options;
  serve(app, DESK_ROUTES.info, {}, async (_input, _request, reply) => {
    void reply.header('cache-control', 'no-store');
    const [status, topicList, officeInfo, languagesOnDuty] = await Promise.all([
      schedule.status(desk.id),
      topics.list(desk.id),
      office.info(desk.id),
      routing.languagesOnDuty(),
    ]);
    return {
      name: desk.name,
      languages: [...desk.languages],
      defaultLanguage: desk.defaultLanguage,
      topics: topicList.filter((topic) => topic.active).map((topic) => topic.id),
      topicNames: Object.fromEntries(topicList.map((topic) => [topic.id, topic.names])),
      schedule: status,
      languagesOnDuty,
      sendsEmail: mail.enabled,
      maxMessageLength: desk.maxMessageLength,
      files: { maxBytes: files.maxBytes, types: [...files.types], perConversation: files.perConversation },
      calls: { visitorMayStart: calls.visitorMayStart, video: { ...calls.video } },
      office: officeInfo,
    };
  });
}
