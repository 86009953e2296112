/**
 * The wire: every HTTP body and every WebSocket frame, as zod schemas that the server and the
 * browser import alike. `zod/mini` keeps the visitor bundle small; the API is the same zod.
 * This module imports nothing from `src/server` or `src/web` (test/shared/boundary.test.ts).
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './errors';
import { UI_LANGUAGES } from './languages';

/** Hard ceiling for a frame's text; the desk's own limit (config) is checked by the server. */
export const PROTOCOL_MAX_BODY_CHARS = 20_000;
export const WEBSOCKET_PATH = '/ws';

export const languageSchema = z.enum(UI_LANGUAGES);
export const topicIdSchema = z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/));
export const clientIdSchema = z.uuid();
export const conversationIdSchema = z.uuid();
export const seqSchema = z.int().check(z.nonnegative());

export const CONVERSATION_STATUSES = ['waiting', 'active', 'closed'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);

export const CLOSE_OUTCOMES = ['answered', 'referred', 'no_answer_possible', 'visitor_left'] as const;
export const closeOutcomeSchema = z.enum(CLOSE_OUTCOMES);

export const STAFF_ROLES = ['consultant', 'supervisor', 'admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** Shown to colleagues; routing offers conversations only to `available` staff. */
export const STAFF_AVAILABILITIES = ['available', 'away', 'offline'] as const;
export const staffAvailabilitySchema = z.enum(STAFF_AVAILABILITIES);

/** A language someone interprets: an ISO 639 code, or `pjm` for Polish Sign Language. */
export const interpreterLanguageSchema = z.string().check(z.regex(/^[a-z]{2,3}$/));


// ---------------------------------------------------------------------------------------------
// Messages

export const AUTHOR_KINDS = ['visitor', 'staff', 'system'] as const;

/** System messages carry an event code; the browser renders `system.<event>` in its language. */
export const SYSTEM_EVENTS = ['conversation_started', 'consultant_joined', 'conversation_closed', 'visitor_left'] as const;
export const systemEventSchema = z.enum(SYSTEM_EVENTS);

export const messageSchema = z.object({
  seq: seqSchema,
  clientId: z.nullable(z.string()),
  author: z.enum(AUTHOR_KINDS),
  /** Display name of the author: a consultant's name, the visitor's chosen name, or null. */
  authorName: z.nullable(z.string()),
  body: z.string(),
  event: z.nullable(systemEventSchema),
  sentAt: z.iso.datetime(),
});
export type Message = z.infer<typeof messageSchema>;

// ---------------------------------------------------------------------------------------------
// Conversations as each side sees them

/** What a visitor may know about their own conversation. */
export const visitorConversationSchema = z.object({
  status: conversationStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  visitorName: z.nullable(z.string()),
  consultantName: z.nullable(z.string()),
  startedAt: z.iso.datetime(),
  lastSeq: seqSchema,
});
export type VisitorConversation = z.infer<typeof visitorConversationSchema>;

export const staffRefSchema = z.object({ id: z.uuid(), name: z.string() });

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
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

// ---------------------------------------------------------------------------------------------
// HTTP bodies

const nameSchema = z.string().check(z.trim(), z.maxLength(60));

export const startConversationRequestSchema = z.object({
  language: languageSchema,
  topic: topicIdSchema,
  visitorName: z.optional(nameSchema),
  privacyAccepted: z.literal(true),
});
export type StartConversationRequest = z.infer<typeof startConversationRequestSchema>;

export const startConversationResponseSchema = z.object({
  /** The visitor's only key to the conversation: keep it out of URLs and logs. */
  token: z.string(),
  conversation: visitorConversationSchema,
});
export type StartConversationResponse = z.infer<typeof startConversationResponseSchema>;

export const weeklyIntervalSchema = z.object({
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.int().check(z.gte(1), z.lte(7)),
  start: z.string(),
  end: z.string(),
});
export type WeeklyInterval = z.infer<typeof weeklyIntervalSchema>;

/**
 * Why the desk is (or is not) taking new conversations right now, checked in this order:
 * paused by the office, outside the service period, a public holiday, a day closed by an
 * exception, the weekend, the last minutes before closing, or simply outside today's hours.
 */
export const SCHEDULE_REASONS = [
  'open',
  'paused',
  'before_service',
  'after_service',
  'holiday',
  'closed_day',
  'weekend',
  'last_entry',
  'outside_hours',
] as const;
export const scheduleReasonSchema = z.enum(SCHEDULE_REASONS);
export type ScheduleReason = z.infer<typeof scheduleReasonSchema>;

export const holidaySchema = z.object({
  /** Calendar date in the office's time zone, YYYY-MM-DD. */
  date: z.string(),
  /** Stable id: the browser shows `common:holidays.<id>`, else `name`. */
  id: z.string(),
  /** The holiday's name from the holiday calendar (Polish), for ids without a translation. */
  name: z.string(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const scheduleStatusSchema = z.object({
  /** True when a visitor may start a new conversation now. */
  open: z.boolean(),
  reason: scheduleReasonSchema,
  timeZone: z.string(),
  hours: z.array(weeklyIntervalSchema),
  /** When the current opening ends (if open or in its last minutes; null if no end is in sight). */
  closesAt: z.nullable(z.iso.datetime()),
  /** From when no new conversations are accepted before `closesAt`. */
  lastEntryAt: z.nullable(z.iso.datetime()),
  /** Minutes before closing without new conversations (config LAST_ENTRY_MINUTES). */
  lastEntryMinutes: z.int(),
  /** When it next opens (if closed and an opening is known). */
  nextOpening: z.nullable(z.iso.datetime()),
  /** Set when the reason is `holiday`. */
  holiday: z.nullable(holidaySchema),
  /** The office's message per language, set when the reason is `paused`. */
  pauseMessage: z.nullable(z.partialRecord(languageSchema, z.string())),
  /** The service period (YYYY-MM-DD, inclusive, office time), when configured. */
  serviceStart: z.nullable(z.string()),
  serviceEnd: z.nullable(z.string()),
});
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;

export const deskInfoSchema = z.object({
  name: z.string(),
  languages: z.array(languageSchema),
  defaultLanguage: languageSchema,
  topics: z.array(topicIdSchema),
  schedule: scheduleStatusSchema,
  maxMessageLength: z.int(),
});
export type DeskInfo = z.infer<typeof deskInfoSchema>;

export const loginRequestSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const staffUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  languages: z.array(languageSchema),
  /** Topic ids handled; empty means every topic. */
  topics: z.array(topicIdSchema),
  maxConcurrent: z.int(),
  availability: staffAvailabilitySchema,
  interpreterLanguages: z.array(interpreterLanguageSchema),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(1024)),
  newPassword: z.string().check(z.minLength(12), z.maxLength(1024)),
});

// ---------------------------------------------------------------------------------------------
// Audit log (admins read it; each domain records its own actions)

export const AUDIT_ACTIONS = [
  'staff.signed_in',
  'staff.sign_in_failed',
  'staff.password_changed',
  'staff.created',
  'staff.updated',
  'staff.deactivated',
  'staff.password_reset',
  'settings.changed',
  'schedule.changed',
  'topics.changed',
  'canned.changed',
  'conversation.taken',
  'conversation.transferred',
  'conversation.joined',
  'conversation.closed',
  'left_message.answered',
  'left_message.closed',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  actor: z.nullable(staffRefSchema),
  action: auditActionSchema,
  target: z.nullable(z.object({ type: z.string(), id: z.string() })),
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  before: z.optional(z.iso.datetime()),
  action: z.optional(auditActionSchema),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.nullable(z.iso.datetime()),
});

/** application/problem+json, with our stable code. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(ERROR_CODES),
  detail: z.optional(z.string()),
  correlationId: z.optional(z.string()),
});
export type Problem = z.infer<typeof problemSchema>;

// ---------------------------------------------------------------------------------------------
// WebSocket frames, client → server

const bodySchema = z.string().check(z.maxLength(PROTOCOL_MAX_BODY_CHARS));

export const visitorHelloFrame = z.object({
  type: z.literal('visitor.hello'),
  token: z.string().check(z.minLength(16), z.maxLength(200)),
  /** The last sequence number this client has seen; the server replays everything after it. */
  lastSeq: seqSchema,
});

export const staffHelloFrame = z.object({ type: z.literal('staff.hello') });

export const messageSendFrame = z.object({
  type: z.literal('message.send'),
  /** Required for staff; a visitor's socket is bound to one conversation. */
  conversationId: z.optional(conversationIdSchema),
  clientId: clientIdSchema,
  body: bodySchema,
});

export const conversationSyncFrame = z.object({
  type: z.literal('conversation.sync'),
  conversationId: conversationIdSchema,
  lastSeq: seqSchema,
});

export const conversationTakeFrame = z.object({
  type: z.literal('conversation.take'),
  conversationId: conversationIdSchema,
});

export const conversationCloseFrame = z.object({
  type: z.literal('conversation.close'),
  conversationId: conversationIdSchema,
  topic: topicIdSchema,
  outcome: closeOutcomeSchema,
});

export const conversationEndFrame = z.object({ type: z.literal('conversation.end') });

export const pingFrame = z.object({ type: z.literal('ping') });

export const clientFrameSchema = z.discriminatedUnion('type', [
  visitorHelloFrame,
  staffHelloFrame,
  messageSendFrame,
  conversationSyncFrame,
  conversationTakeFrame,
  conversationCloseFrame,
  conversationEndFrame,
  pingFrame,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];

// ---------------------------------------------------------------------------------------------
// WebSocket frames, server → client

export const welcomeVisitorFrame = z.object({
  type: z.literal('welcome.visitor'),
  conversation: visitorConversationSchema,
  /** Everything after the client's lastSeq, in order. */
  missed: z.array(messageSchema),
});

export const welcomeStaffFrame = z.object({
  type: z.literal('welcome.staff'),
  user: staffUserSchema,
  /** The queue and the consultant's own open conversations. */
  conversations: z.array(conversationSummarySchema),
});

export const messageFrame = z.object({
  type: z.literal('message'),
  conversationId: z.optional(conversationIdSchema),
  message: messageSchema,
});

export const ackFrame = z.object({
  type: z.literal('ack'),
  conversationId: z.optional(conversationIdSchema),
  clientId: clientIdSchema,
  seq: seqSchema,
  sentAt: z.iso.datetime(),
});

export const historyFrame = z.object({
  type: z.literal('history'),
  conversationId: conversationIdSchema,
  messages: z.array(messageSchema),
});

export const conversationUpdatedFrame = z.object({
  type: z.literal('conversation.updated'),
  conversation: conversationSummarySchema,
});

export const visitorConversationUpdatedFrame = z.object({
  type: z.literal('visitor.conversation.updated'),
  conversation: visitorConversationSchema,
});

export const errorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  /** Set when the error answers a message.send, so the client can mark that message failed. */
  clientId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
  /** True when the server is about to close the socket. */
  fatal: z.optional(z.boolean()),
});

export const pongFrame = z.object({ type: z.literal('pong') });

export const serverFrameSchema = z.discriminatedUnion('type', [
  welcomeVisitorFrame,
  welcomeStaffFrame,
  messageFrame,
  ackFrame,
  historyFrame,
  conversationUpdatedFrame,
  visitorConversationUpdatedFrame,
  errorFrame,
  pongFrame,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrame>;
