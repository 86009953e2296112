/** What the console shows beside a conversation about the visitor (src/server/visitor-context). */
import * as z from 'zod/mini';
import { languageSchema, topicIdSchema } from '../desk-protocol';
import { conversationIdSchema } from './common';
import { closeOutcomeSchema } from './conversations';
import { defineRoute } from './contract';

/** One of the visitor's earlier conversations from the same device (only when they allowed it). */
const earlierConversationSchema = z.object({
  id: conversationIdSchema,
  startedAt: z.iso.datetime(),
  topic: topicIdSchema,
  outcome: z.nullable(closeOutcomeSchema),
  consultantName: z.nullable(z.string()),
});

/** What the console shows beside a conversation about the visitor. */
const visitorContextSchema = z.object({
  conversationId: conversationIdSchema,
  language: languageSchema,
  topic: topicIdSchema,
  /** The visitor's own IANA time zone, when their browser reported one. */
  visitorTimeZone: z.nullable(z.string()),
  startedAt: z.iso.datetime(),
  /** When a consultant took it: the wait is this minus `startedAt`; null while it waits. */
  assignedAt: z.nullable(z.iso.datetime()),
  /** Null when the visitor did not allow it; newest first. */
  earlierConversations: z.nullable(z.array(earlierConversationSchema)),
});
export type VisitorContext = z.infer<typeof visitorContextSchema>;

export const VISITOR_CONTEXT_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/conversations/:id/context', auth: 'staff', response: visitorContextSchema }),
};
