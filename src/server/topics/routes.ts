import type { FastifyInstance } from 'fastify';
import { createTopicRequestSchema, reorderTopicsRequestSchema, topicIdSchema, updateTopicRequestSchema } from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { TopicService } from './service';

/** Topics in /admin; each change is audited as 'topics.changed'. */
export async function topicAdminRoutes(app: FastifyInstance, options: { auth: AuthService; topics: TopicService }): Promise<void> {
  const { topics } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

  app.get('/api/admin/topics', adminOnly, async (request) => ({ topics: await topics.list(signedInStaff(request).desk_id) }));

  app.post('/api/admin/topics', adminOnly, async (request, reply) => {
    const body = parseBody(createTopicRequestSchema, request.body);
    const admin = signedInStaff(request);
    const topic = await topics.create(admin.desk_id, body.id, body.names, body.active, admin);
    return reply.status(201).send({ topic });
  });

  app.put<{ Params: { id: string } }>('/api/admin/topics/:id', adminOnly, async (request) => {
    const id = parseBody(topicIdSchema, request.params.id);
    const body = parseBody(updateTopicRequestSchema, request.body);
    const admin = signedInStaff(request);
    return { topic: await topics.update(admin.desk_id, id, body, admin) };
  });

  app.put('/api/admin/topic-order', adminOnly, async (request) => {
    const body = parseBody(reorderTopicsRequestSchema, request.body);
    const admin = signedInStaff(request);
    return { topics: await topics.reorder(admin.desk_id, body.ids, admin) };
  });
}
