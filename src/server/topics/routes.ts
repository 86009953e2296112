import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createTopicRequestSchema, reorderTopicsRequestSchema, topicIdSchema, updateTopicRequestSchema } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { TopicService } from './service';

/** Topics in /admin; each change is audited as 'topics.changed'. */
export async function topicAdminRoutes(app: FastifyInstance, options: { auth: AuthService; audit: AuditLog; topics: TopicService }): Promise<void> {
  const { topics, audit } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

  const recordChange = (request: FastifyRequest, targetId: string, detail: Record<string, unknown>) => {
    const admin = signedInStaff(request);
    return audit.record({ deskId: admin.desk_id, actor: admin, action: 'topics.changed', target: { type: 'topic', id: targetId }, detail });
  };

  app.get('/api/admin/topics', adminOnly, async (request) => ({ topics: await topics.list(signedInStaff(request).desk_id) }));

  app.post('/api/admin/topics', adminOnly, async (request, reply) => {
    const body = parseBody(createTopicRequestSchema, request.body);
    const topic = await topics.create(signedInStaff(request).desk_id, body.id, body.names, body.active);
    await recordChange(request, topic.id, { change: 'created', active: topic.active });
    return reply.status(201).send({ topic });
  });

  app.put<{ Params: { id: string } }>('/api/admin/topics/:id', adminOnly, async (request) => {
    const id = parseBody(topicIdSchema, request.params.id);
    const body = parseBody(updateTopicRequestSchema, request.body);
    const topic = await topics.update(signedInStaff(request).desk_id, id, body);
    await recordChange(request, id, { change: 'updated', fields: Object.keys(body), active: topic.active });
    return { topic };
  });

  app.put('/api/admin/topic-order', adminOnly, async (request) => {
    const body = parseBody(reorderTopicsRequestSchema, request.body);
    const list = await topics.reorder(signedInStaff(request).desk_id, body.ids);
    await recordChange(request, 'order', { change: 'reordered', order: body.ids });
    return { topics: list };
  });
}
