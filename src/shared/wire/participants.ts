/** Staff beside the assignee, transfers, and the supervisor's view (src/server/participants). */
import * as z from 'zod/mini';
import { languageSchema, topicIdSchema } from '../desk-protocol';
import { conversationIdSchema, staffRefSchema } from './common';
import { conversationSummarySchema, participantRoleSchema } from './conversations';
import { staffAvailabilitySchema, staffRoleSchema } from './staff';
import { defineRoute } from './contract';

const joinConversationRequestSchema = z.object({ role: participantRoleSchema });

/** A word for the colleague who takes the conversation over; only they see it. */
export const TRANSFER_NOTE_MAX_CHARS = 1000;
const transferToColleagueRequestSchema = z.object({
  to: z.uuid(),
  note: z.optional(z.string().check(z.trim(), z.maxLength(TRANSFER_NOTE_MAX_CHARS))),
});

/** Back to the queue: the conversation's own, or another language's or topic's of the desk. */
const transferToQueueRequestSchema = z.object({ language: z.optional(languageSchema), topic: z.optional(topicIdSchema) });

const reassignRequestSchema = z.object({ to: z.uuid() });

const transferNoteSchema = z.object({
  conversationId: conversationIdSchema,
  from: staffRefSchema,
  note: z.string(),
  at: z.iso.datetime(),
});
export type TransferNote = z.infer<typeof transferNoteSchema>;

/** The answer to a join, leave, transfer, reassign or take-over: the conversation as it is now. */
const conversationResponseSchema = z.object({ conversation: conversationSummarySchema });
export type ConversationResponse = z.infer<typeof conversationResponseSchema>;

const transferNotesResponseSchema = z.object({ notes: z.array(transferNoteSchema) });

/** A colleague as shown when picking whom to transfer to, and on the supervisor's view. */
const colleagueSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: staffRoleSchema,
  languages: z.array(languageSchema),
  topics: z.array(topicIdSchema),
  availability: staffAvailabilitySchema,
  maxConcurrent: z.int(),
  /** Open conversations assigned to them now. */
  load: z.int(),
});
export type Colleague = z.infer<typeof colleagueSchema>;

const colleaguesResponseSchema = z.object({ colleagues: z.array(colleagueSchema) });

/** Every open conversation of the desk (waiting and active) and every active staff member. */
const supervisorOverviewSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  staff: z.array(colleagueSchema),
});
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

/** To the consultant a conversation was transferred to, and only to them. */
const transferNoteFrame = z.object({ type: z.literal('transfer.note'), note: transferNoteSchema });

/** Frames this domain sends; protocol.ts joins every domain's into one union. */
export const PARTICIPANT_SERVER_FRAMES = [transferNoteFrame] as const;

export const PARTICIPANT_ROUTES = {
  colleagues: defineRoute({ method: 'GET', path: '/api/colleagues', auth: 'staff', response: colleaguesResponseSchema }),
  transferNotes: defineRoute({ method: 'GET', path: '/api/transfer-notes', auth: 'staff', response: transferNotesResponseSchema }),
  overview: defineRoute({ method: 'GET', path: '/api/supervisor/overview', auth: 'supervisor', response: supervisorOverviewSchema }),
  join: defineRoute({
    method: 'POST',
    path: '/api/conversations/:id/participants',
    auth: 'staff',
    body: joinConversationRequestSchema,
    response: conversationResponseSchema,
  }),
  leave: defineRoute({ method: 'DELETE', path: '/api/conversations/:id/participants/me', auth: 'staff', response: conversationResponseSchema }),
  transfer: defineRoute({
    method: 'POST',
    path: '/api/conversations/:id/transfer',
    auth: 'staff',
    body: transferToColleagueRequestSchema,
    response: conversationResponseSchema,
  }),
  /** Without a body: back to the conversation's own queue. */
  returnToQueue: defineRoute({
    method: 'POST',
    path: '/api/conversations/:id/return-to-queue',
    auth: 'staff',
    body: z._default(transferToQueueRequestSchema, {}),
    response: conversationResponseSchema,
  }),
  reassign: defineRoute({
    method: 'POST',
    path: '/api/conversations/:id/reassign',
    auth: 'supervisor',
    body: reassignRequestSchema,
    response: conversationResponseSchema,
  }),
  takeOver: defineRoute({ method: 'POST', path: '/api/conversations/:id/take-over', auth: 'supervisor', response: conversationResponseSchema }),
};
