import type { FastifyInstance } from 'fastify';
import { TOPIC_ROUTES, topicIdSchema } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { parseBody } from '../http';
import type { TopicService } from './service';

/** Topics in /admin; each change is audited as 'topics.changed'. */
export async function topicAdminRoutes(app: FastifyInstance, options: { auth: AuthService; topics: TopicService }): Promise<void> {
  const { auth, topics } = options;

  serve(app, TOPIC_ROUTES.list, { auth }, async (_input, request) => ({ topics: await topics.list(signedInStaff(request).desk_id) }));

  serve(app, TOPIC_ROUTES.create, { auth }, async ({ body }, request) => {
    const admin = signedInStaff(request);
    return { topic: await topics.create(admin.desk_id, body.id, body.names, body.active, admin) };
  });

  serve(app, TOPIC_ROUTES.update, { auth }, async ({ body }, request) => {
    const id = parseBody(topicIdSchema, request.params.id);
    const admin = signedInStaff(request);
    return { topic: await topics.update(admin.desk_id, id, body, admin) };
  });

  serve(app, TOPIC_ROUTES.reorder, { auth }, async ({ body }, request) => {
    const admin = signedInStaff(request);
    return { topics: await topics.reorder(admin.desk_id, body.ids, admin) };
  });
}
