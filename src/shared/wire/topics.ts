/** Topics per desk, edited in /admin (src/server/topics). */
import * as z from 'zod/mini';
import { topicIdSchema, topicNamesSchema } from '../desk-protocol';

const topicSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.boolean() });
export type Topic = z.infer<typeof topicSchema>;
export const topicListSchema = z.object({ topics: z.array(topicSchema) });
export const topicResponseSchema = z.object({ topic: topicSchema });
export const createTopicRequestSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.optional(z.boolean()) });
export const updateTopicRequestSchema = z.object({ names: z.optional(topicNamesSchema), active: z.optional(z.boolean()) });
/** Every topic id, in the new order. */
export const reorderTopicsRequestSchema = z.object({ ids: z.array(topicIdSchema).check(z.maxLength(200)) });
