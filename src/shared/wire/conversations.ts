/** Conversations as each side sees them, and the frames that start, carry and end them (src/server/conversations). */
import * as z from 'zod/mini';
import { conversationStatusSchema, languageSchema, seqSchema, spokenLanguageSchema, topicIdSchema, visitorConversationSchema } from '../desk-protocol';
import { callKindSchema } from './calls';
import { clientIdSchema, conversationIdSchema, PROTOCOL_MAX_BODY_CHARS, staffRefSchema } from './common';
import { messageSchema } from './messages';
import { staffUserSchema } from './staff';

/** How a consultant may say a conversation ended. */
export const STAFF_CLOSE_OUTCOMES = ['answered', 'referred', 'no_answer_possible', 'visitor_left'] as const;
/**
 * How a conversation ended (reports count them): a consultant's choice, or one the desk made by
 * itself — src/server/inactivity: `visitor_inactive` (no answer to "are you still there?"),
 * `visitor_absent` (left the queue after its visitor had no connection for a while);
 * src/server/closing, the visitors turned away at closing: `left_message_at_closing` (the visitor
 * turned it into a left message), `ended_at_closing` (still waiting when the desk closed).
 */
export const CLOSE_OUTCOMES = [...STAFF_CLOSE_OUTCOMES, 'visitor_inactive', 'visitor_absent', 'left_message_at_closing', 'ended_at_closing'] as const;
export const closeOutcomeSchema = z.enum(CLOSE_OUTCOMES);

/** Staff in a conversation beside its assignee (src/server/participants). */
const PARTICIPANT_ROLES = ['supervisor', 'interpreter'] as const;
export const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;
const participantSchema = z.object({ id: z.uuid(), name: z.string(), role: participantRoleSchema });
export type Participant = z.infer<typeof participantSchema>;

/** What staff see of a conversation in the queue and in their list. */
export const conversationSummarySchema = z.object({
  id: conversationIdSchema,
  status: conversationStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  visitorName: z.nullable(z.string()),
  startedAt: z.iso.datetime(),
  waitingSince: z.nullable(z.iso.datetime()),
  assignee: z.nullable(staffRefSchema),
  outcome: z.nullable(closeOutcomeSchema),
  lastSeq: seqSchema,
  /** Set when the visitor came through a booked call: the kind of call they booked. */
  bookedCall: z.optional(z.nullable(callKindSchema)),
  /** The language the visitor speaks when the interface does not offer it ("my language is not listed"). */
  spokenLanguage: z.optional(z.nullable(spokenLanguageSchema)),
  /** Staff who joined beside the assignee; absent means none. */
  participants: z.optional(z.array(participantSchema)),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

const bodySchema = z.string().check(z.maxLength(PROTOCOL_MAX_BODY_CHARS));

const visitorHelloFrame = z.object({
  type: z.literal('visitor.hello'),
  token: z.string().check(z.minLength(16), z.maxLength(200)),
  /** The last sequence number this client has seen; the server replays everything after it. */
  lastSeq: seqSchema,
});

/** Most conversations one staff hello may resume; a console follows far fewer. */
export const MAX_RESUMED_CONVERSATIONS = 1_000;

const staffHelloFrame = z.object({
  type: z.literal('staff.hello'),
  /**
   * Where each conversation this tab holds stands: the last seq up to which it has every message.
   * With it, the server sends the history of every conversation the staff member follows (from
   * here, or from the start for the ones not listed) before any live frame: one request resumes
   * the whole console, without a gap. Absent: no history is sent (the client syncs on its own).
   */
  resume: z.optional(
    z.array(z.object({ conversationId: conversationIdSchema, lastSeq: seqSchema })).check(z.maxLength(MAX_RESUMED_CONVERSATIONS)),
  ),
});

const messageSendFrame = z.object({
  type: z.literal('message.send'),
  /** Required for staff; a visitor's socket is bound to one conversation. */
  conversationId: z.optional(conversationIdSchema),
  clientId: clientIdSchema,
  body: bodySchema,
  /**
   * Set when re-sending a message that was never acknowledged: if it is stored already, the
   * server answers with its ack from the database (no append, no rate limit).
   */
  resent: z.optional(z.literal(true)),
});

const conversationSyncFrame = z.object({
  type: z.literal('conversation.sync'),
  conversationId: conversationIdSchema,
  lastSeq: seqSchema,
});

const conversationTakeFrame = z.object({
  type: z.literal('conversation.take'),
  conversationId: conversationIdSchema,
});

const conversationCloseFrame = z.object({
  type: z.literal('conversation.close'),
  conversationId: conversationIdSchema,
  topic: topicIdSchema,
  outcome: z.enum(STAFF_CLOSE_OUTCOMES),
});

const conversationEndFrame = z.object({ type: z.literal('conversation.end') });

const welcomeVisitorFrame = z.object({
  type: z.literal('welcome.visitor'),
  conversation: visitorConversationSchema,
  /**
   * What follows the client's lastSeq, in order: the first page of it. The rest comes in
   * `history` frames, paced to the reader, before any live frame.
   */
  missed: z.array(messageSchema),
});

const welcomeStaffFrame = z.object({
  type: z.literal('welcome.staff'),
  user: staffUserSchema,
  /** The queue and the consultant's own open conversations. */
  conversations: z.array(conversationSummarySchema),
});

const messageFrame = z.object({
  type: z.literal('message'),
  conversationId: z.optional(conversationIdSchema),
  message: messageSchema,
});

const ackFrame = z.object({
  type: z.literal('ack'),
  conversationId: z.optional(conversationIdSchema),
  clientId: clientIdSchema,
  seq: seqSchema,
  sentAt: z.iso.datetime(),
});

const historyFrame = z.object({
  type: z.literal('history'),
  conversationId: conversationIdSchema,
  messages: z.array(messageSchema),
});

const conversationUpdatedFrame = z.object({
  type: z.literal('conversation.updated'),
  conversation: conversationSummarySchema,
});

const visitorConversationUpdatedFrame = z.object({
  type: z.literal('visitor.conversation.updated'),
  conversation: visitorConversationSchema,
});

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const CONVERSATION_CLIENT_FRAMES = [visitorHelloFrame, staffHelloFrame, messageSendFrame, conversationSyncFrame, conversationTakeFrame, conversationCloseFrame, conversationEndFrame] as const;

/** Frames this domain sends. */
export const CONVERSATION_SERVER_FRAMES = [welcomeVisitorFrame, welcomeStaffFrame, messageFrame, ackFrame, historyFrame, conversationUpdatedFrame, visitorConversationUpdatedFrame] as const;
