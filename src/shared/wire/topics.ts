/** Topics per desk, edited in /admin (src/server/topics). */
import * as z from 'zod/mini';
import { topicIdSchema, topicNamesSchema } from '../desk-protocol';
import { defineRoute } from './contract';

const topicSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.boolean() });
export type Topic = z.infer<typeof topicSchema>;
const topicListSchema = z.object({ topics: z.array(topicSchema) });
const topicResponseSchema = z.object({ topic: topicSchema });
const createTopicRequestSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.optional(z.boolean()) });
const updateTopicRequestSchema = z.object({ names: z.optional(topicNamesSchema), active: z.optional(z.boolean()) });
/** Every topic id, in the new order. */
const reorderTopicsRequestSchema = z.object({ ids: z.array(topicIdSchema).check(z.maxLength(200)) });

/** Topics in /admin. */
export const TOPIC_ROUTES = {
  list: defineRoute({ method: 'GET', path: '/api/admin/topics', auth: 'admin', response: topicListSchema }),
  create: defineRoute({ method: 'POST', path: '/api/admin/topics', auth: 'admin', body: createTopicRequestSchema, response: topicResponseSchema, status: 201 }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/topics/:id', auth: 'admin', body: updateTopicRequestSchema, response: topicResponseSchema }),
  reorder: defineRoute({ method: 'PUT', path: '/api/admin/topic-order', auth: 'admin', body: reorderTopicsRequestSchema, response: topicListSchema }),
};
