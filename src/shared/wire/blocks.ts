/** Blocking a visitor (src/server/blocks): staff stop one device and network from starting anything, for a chosen time. */
import * as z from 'zod/mini';
import { defineRoute } from './contract';

/** The times a block may last, in hours: an hour, a day, a week, thirty days. */
export const BLOCK_HOURS = [1, 24, 168, 720] as const;

const blockRequestSchema = z.object({
  hours: z.literal(BLOCK_HOURS),
  /** Why, for the supervisors who review blocks; never shown to the visitor. */
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});
export type BlockRequest = z.infer<typeof blockRequestSchema>;

const visitorBlockSchema = z.object({
  id: z.uuid(),
  /** The conversation it was made from (null once retention deleted it). */
  conversationId: z.nullable(z.uuid()),
  createdAt: z.iso.datetime(),
  until: z.iso.datetime(),
  reason: z.string(),
  blockedBy: z.string(),
});
export type VisitorBlock = z.infer<typeof visitorBlockSchema>;

export const BLOCK_ROUTES = {
  /** Any staff member who may read the conversation blocks its visitor. */
  block: defineRoute({ method: 'POST', path: '/api/staff/conversations/:conversationId/block', auth: 'staff', body: blockRequestSchema, response: visitorBlockSchema, status: 201 }),
  /** The blocks in force, for supervisors, newest first. */
  list: defineRoute({ method: 'GET', path: '/api/staff/blocks', auth: 'supervisor', response: z.object({ blocks: z.array(visitorBlockSchema) }) }),
  lift: defineRoute({ method: 'DELETE', path: '/api/staff/blocks/:id', auth: 'supervisor', recentProof: true, response: null }),
};
