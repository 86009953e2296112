/**
 * The wire: every HTTP body and every WebSocket frame, as zod schemas that the server and the
 * browser import alike. `zod/mini` keeps the visitor bundle small; the API is the same zod.
 * This module imports nothing from `src/server` or `src/web` (test/shared/boundary.test.ts).
 */
import * as z from 'zod/mini';
import {
  callSettingsSchema,
  conversationStatusSchema,
  fileTypeSchema,
  languageSchema,
  scheduleStatusSchema,
  seqSchema,
  topicIdSchema,
  topicNamesSchema,
  visitorConversationSchema,
  weeklyIntervalSchema,
} from './desk-protocol';
import { ERROR_CODES } from './errors';

export * from './desk-protocol';

/** Hard ceiling for a frame's text; the desk's own limit (config) is checked by the server. */
export const PROTOCOL_MAX_BODY_CHARS = 20_000;
export const WEBSOCKET_PATH = '/ws';

export const clientIdSchema = z.uuid();
export const conversationIdSchema = z.uuid();

export const CLOSE_OUTCOMES = ['answered', 'referred', 'no_answer_possible', 'visitor_left'] as const;
export const closeOutcomeSchema = z.enum(CLOSE_OUTCOMES);

/** The call a visitor booked (src/server/bookings). */
export const BOOKING_CALL_KINDS = ['voice', 'video'] as const;
export const bookingCallKindSchema = z.enum(BOOKING_CALL_KINDS);
export type BookingCallKind = z.infer<typeof bookingCallKindSchema>;

export const STAFF_ROLES = ['consultant', 'supervisor', 'admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** Shown to colleagues; routing offers conversations only to `available` staff. */
export const STAFF_AVAILABILITIES = ['available', 'away', 'offline'] as const;
export const staffAvailabilitySchema = z.enum(STAFF_AVAILABILITIES);
export type StaffAvailability = z.infer<typeof staffAvailabilitySchema>;

/** A language someone interprets: an ISO 639 code, or `pjm` for Polish Sign Language. */
export const interpreterLanguageSchema = z.string().check(z.regex(/^[a-z]{2,3}$/));

// ---------------------------------------------------------------------------------------------
// Calls (src/server/calls; docs/calls.md): state on the server, media peer to peer

export const CALL_KINDS = ['voice', 'video'] as const;
export const callKindSchema = z.enum(CALL_KINDS);
export type CallKind = z.infer<typeof callKindSchema>;
export const CALL_STATES = ['ringing', 'active', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];
export const CALL_OUTCOMES = ['answered', 'declined', 'missed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** Why a call ended; `dropped`: a side lost the connection and it did not come back. */
export const CALL_END_REASONS = ['hangup', 'declined', 'missed', 'dropped', 'conversation_closed'] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];
export const CALL_MEMBER_ROLES = ['visitor', 'consultant', 'interpreter'] as const;
export type CallMemberRole = (typeof CALL_MEMBER_ROLES)[number];

/** A side of a call as signalling addresses it: `visitor`, or a staff member's id. */
export const callPeerSchema = z.union([z.literal('visitor'), z.uuid()]);
export type CallPeer = z.infer<typeof callPeerSchema>;

export const callMemberSchema = z.object({
  peer: callPeerSchema,
  name: z.nullable(z.string()),
  role: z.enum(CALL_MEMBER_ROLES),
  /** False while an invited interpreter has not joined yet. */
  joined: z.boolean(),
});
export type CallMember = z.infer<typeof callMemberSchema>;

export const callSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  kind: callKindSchema,
  state: z.enum(CALL_STATES),
  outcome: z.nullable(z.enum(CALL_OUTCOMES)),
  endReason: z.nullable(z.enum(CALL_END_REASONS)),
  startedBy: callPeerSchema,
  startedAt: z.iso.datetime(),
  answeredAt: z.nullable(z.iso.datetime()),
  endedAt: z.nullable(z.iso.datetime()),
  /** Members in the call now (joined, not left) and interpreters invited into it. */
  members: z.array(callMemberSchema),
});
export type Call = z.infer<typeof callSchema>;

/** A finished call in the conversation's history (a `call_ended` system message): never media. */
export const callRecordSchema = z.object({
  kind: callKindSchema,
  startedBy: z.enum(['visitor', 'staff']),
  startedByName: z.nullable(z.string()),
  outcome: z.enum(CALL_OUTCOMES),
  endReason: z.enum(CALL_END_REASONS),
  startedAt: z.iso.datetime(),
  answeredAt: z.nullable(z.iso.datetime()),
  endedAt: z.iso.datetime(),
  /** Seconds from answer to end; 0 when nobody answered. */
  durationSeconds: z.int().check(z.nonnegative()),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** Ceiling for one SDP; a browser's offer with audio, video and a screen is far below it. */
const MAX_SDP_CHARS = 60_000;

export const callSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().check(z.maxLength(MAX_SDP_CHARS)) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().check(z.maxLength(MAX_SDP_CHARS)) }),
  z.object({
    kind: z.literal('candidate'),
    /** Null: the sender has gathered all its candidates. */
    candidate: z.nullable(
      z.object({
        candidate: z.string().check(z.maxLength(2000)),
        sdpMid: z.nullable(z.string().check(z.maxLength(64))),
        sdpMLineIndex: z.nullable(z.int().check(z.nonnegative(), z.lte(64))),
        usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
      }),
    ),
  }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;

/** Staff a consultant may invite into a call as an interpreter. */
export const interpreterSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  interpreterLanguages: z.array(interpreterLanguageSchema),
});
export const interpreterListSchema = z.object({ interpreters: z.array(interpreterSchema) });
export type Interpreter = z.infer<typeof interpreterSchema>;

// ---------------------------------------------------------------------------------------------
// Messages

export const AUTHOR_KINDS = ['visitor', 'staff', 'system'] as const;

/** System messages carry an event code; the browser renders `system.<event>` in its language. */
export const SYSTEM_EVENTS = [
  'conversation_started',
  'consultant_joined',
  'conversation_closed',
  'visitor_left',
  /** Staff beside the assignee (src/server/participants): a second consultant, an interpreter. */
  'supervisor_joined',
  'interpreter_joined',
  'participant_left',
  /** The conversation passed to another consultant (`authorName`: the new one). */
  'conversation_transferred',
  /** Back in the queue (src/server/routing): the consultant's connection was lost, or a transfer to a queue. */
  'consultant_disconnected',
  'returned_to_queue',
  /** Calls (src/server/calls): the visitor asked for one; one ended (the message carries `call`). */
  'call_requested',
  'call_ended',
] as const;
export const systemEventSchema = z.enum(SYSTEM_EVENTS);

/** A file sent in a conversation; the bytes are fetched separately by its id. */
export const attachmentSchema = z.object({
  id: z.uuid(),
  /** The sender's file name, cleaned: shown and offered when saving, never used as a path. */
  name: z.string(),
  contentType: fileTypeSchema,
  /** Bytes as stored (an image after its metadata was removed). */
  size: z.int().check(z.nonnegative()),
  /** Pixels, for images (a thumbnail exists exactly for these); null for documents. */
  width: z.nullable(z.int()),
  height: z.nullable(z.int()),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  seq: seqSchema,
  clientId: z.nullable(z.string()),
  author: z.enum(AUTHOR_KINDS),
  /** Display name of the author: a consultant's name, the visitor's chosen name, or null. */
  authorName: z.nullable(z.string()),
  body: z.string(),
  event: z.nullable(systemEventSchema),
  sentAt: z.iso.datetime(),
  /** Set when the message is a file (its body is then empty). */
  attachment: z.optional(z.nullable(attachmentSchema)),
  /** Set on a `call_ended` system message. */
  call: z.optional(z.nullable(callRecordSchema)),
  /** The staff member who wrote it, so a console tells its own messages from a colleague's. */
  authorId: z.optional(z.nullable(z.uuid())),
});
export type Message = z.infer<typeof messageSchema>;

/**
 * A file upload is multipart/form-data: these fields, then one part `file`. The client id makes
 * a retried upload idempotent, as with message.send; it must come before the file.
 */
export const fileUploadFieldsSchema = z.object({ clientId: clientIdSchema });

/** The answer to a file upload: the message that carries it, as an ack for the sender. */
export const fileUploadResponseSchema = z.object({ message: messageSchema });
export type FileUploadResponse = z.infer<typeof fileUploadResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Conversations as each side sees them

export const staffRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** Staff in a conversation beside its assignee (src/server/participants). */
export const PARTICIPANT_ROLES = ['supervisor', 'interpreter'] as const;
export const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;
export const participantSchema = z.object({ id: z.uuid(), name: z.string(), role: participantRoleSchema });
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
  bookedCall: z.optional(z.nullable(bookingCallKindSchema)),
  /** Staff who joined beside the assignee; absent means none. */
  participants: z.optional(z.array(participantSchema)),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

// ---------------------------------------------------------------------------------------------
// HTTP bodies

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
  'conversation.left',
  'conversation.reassigned',
  'conversation.taken_over',
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

/**
 * Where the next (older) audit page starts: `<at>|<id>` of the last entry shown, since several
 * entries can share one time. The browser only hands it back.
 */
export const auditCursorSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/));

export const auditQuerySchema = z.object({
  before: z.optional(auditCursorSchema),
  action: z.optional(auditActionSchema),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.nullable(auditCursorSchema),
});

// ---------------------------------------------------------------------------------------------
// /admin: staff accounts, topics, the schedule (admins only)

/** The most conversations one person may be given at once. */
export const MAX_CONCURRENT_LIMIT = 20;
const staffNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const newPasswordSchema = z.string().check(z.minLength(12), z.maxLength(1024));
const maxConcurrentSchema = z.int().check(z.gte(1), z.lte(MAX_CONCURRENT_LIMIT));

export const staffAccountSchema = z.extend(staffUserSchema, { active: z.boolean(), createdAt: z.iso.datetime() });
export type StaffAccount = z.infer<typeof staffAccountSchema>;
export const staffListSchema = z.object({ staff: z.array(staffAccountSchema) });
export const staffAccountResponseSchema = z.object({ account: staffAccountSchema });

export const createStaffRequestSchema = z.object({
  email: z.email().check(z.maxLength(254)),
  name: staffNameSchema,
  role: staffRoleSchema,
  languages: z.array(languageSchema).check(z.minLength(1)),
  /** Empty: every topic. */
  topics: z.array(topicIdSchema),
  maxConcurrent: maxConcurrentSchema,
  interpreterLanguages: z.array(interpreterLanguageSchema).check(z.maxLength(20)),
  password: newPasswordSchema,
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;

/** Only the fields present change; `active: false` deactivates and ends every session. */
export const updateStaffRequestSchema = z.partial(z.extend(z.omit(createStaffRequestSchema, { email: true, password: true }), { active: z.boolean() }));
export type UpdateStaffRequest = z.infer<typeof updateStaffRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: newPasswordSchema });

export const topicSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.boolean() });
export type Topic = z.infer<typeof topicSchema>;
export const topicListSchema = z.object({ topics: z.array(topicSchema) });
export const topicResponseSchema = z.object({ topic: topicSchema });
export const createTopicRequestSchema = z.object({ id: topicIdSchema, names: topicNamesSchema, active: z.optional(z.boolean()) });
export const updateTopicRequestSchema = z.object({ names: z.optional(topicNamesSchema), active: z.optional(z.boolean()) });
/** Every topic id, in the new order. */
export const reorderTopicsRequestSchema = z.object({ ids: z.array(topicIdSchema).check(z.maxLength(200)) });

export const isoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** A wall-clock time in the office's time zone, HH:MM; 24:00 ends the day. */
export const wallTimeSchema = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/));
export const timeRangeSchema = z.object({ start: wallTimeSchema, end: wallTimeSchema });
export type TimeRangeWire = z.infer<typeof timeRangeSchema>;
export const scheduleExceptionSchema = z.object({ date: isoDateSchema, hours: z.array(timeRangeSchema) });
export type ScheduleExceptionWire = z.infer<typeof scheduleExceptionSchema>;

/** Everything /admin shows and edits of the schedule, with the status it gives now. */
export const adminScheduleSchema = z.object({
  timeZone: z.string(),
  hours: z.array(weeklyIntervalSchema),
  serviceStart: z.nullable(isoDateSchema),
  serviceEnd: z.nullable(isoDateSchema),
  lastEntryMinutes: z.int(),
  pause: z.nullable(z.object({ messages: z.partialRecord(languageSchema, z.string()), since: z.iso.datetime() })),
  /** From today on, by date. */
  exceptions: z.array(scheduleExceptionSchema),
  status: scheduleStatusSchema,
});
export type AdminSchedule = z.infer<typeof adminScheduleSchema>;

export const updateWeeklyHoursRequestSchema = z.object({
  hours: z.array(z.extend(weeklyIntervalSchema, timeRangeSchema.shape)).check(z.maxLength(70)),
  serviceStart: z.nullable(isoDateSchema),
  serviceEnd: z.nullable(isoDateSchema),
});
/** A day's special hours; empty: closed all day. */
export const scheduleExceptionRequestSchema = z.object({ hours: z.array(timeRangeSchema).check(z.maxLength(12)) });
export const pauseRequestSchema = z.object({ messages: z.partialRecord(languageSchema, z.string()) });

// ---------------------------------------------------------------------------------------------
// Staff beside the assignee, transfers, and the supervisor's view (src/server/participants)

export const joinConversationRequestSchema = z.object({ role: participantRoleSchema });
export type JoinConversationRequest = z.infer<typeof joinConversationRequestSchema>;

/** A word for the colleague who takes the conversation over; only they see it. */
export const TRANSFER_NOTE_MAX_CHARS = 1000;
export const transferToColleagueRequestSchema = z.object({
  to: z.uuid(),
  note: z.optional(z.string().check(z.trim(), z.maxLength(TRANSFER_NOTE_MAX_CHARS))),
});
export type TransferToColleagueRequest = z.infer<typeof transferToColleagueRequestSchema>;

/** Back to the queue: the conversation's own, or another language's or topic's of the desk. */
export const transferToQueueRequestSchema = z.object({ language: z.optional(languageSchema), topic: z.optional(topicIdSchema) });
export type TransferToQueueRequest = z.infer<typeof transferToQueueRequestSchema>;

export const reassignRequestSchema = z.object({ to: z.uuid() });
export type ReassignRequest = z.infer<typeof reassignRequestSchema>;

export const transferNoteSchema = z.object({
  conversationId: conversationIdSchema,
  from: staffRefSchema,
  note: z.string(),
  at: z.iso.datetime(),
});
export type TransferNote = z.infer<typeof transferNoteSchema>;

/** The answer to a join, leave, transfer, reassign or take-over: the conversation as it is now. */
export const conversationResponseSchema = z.object({ conversation: conversationSummarySchema });
export type ConversationResponse = z.infer<typeof conversationResponseSchema>;

export const transferNotesResponseSchema = z.object({ notes: z.array(transferNoteSchema) });
export type TransferNotesResponse = z.infer<typeof transferNotesResponseSchema>;

/** A colleague as shown when picking whom to transfer to, and on the supervisor's view. */
export const colleagueSchema = z.object({
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

export const colleaguesResponseSchema = z.object({ colleagues: z.array(colleagueSchema) });
export type ColleaguesResponse = z.infer<typeof colleaguesResponseSchema>;

/** Every open conversation of the desk (waiting and active) and every active staff member. */
export const supervisorOverviewSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  staff: z.array(colleagueSchema),
});
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

// ---------------------------------------------------------------------------------------------
// Messages left while the desk is closed (src/server/inbox): answered by e-mail and on the
// visitor's private page, which its token opens (sent as a bearer token, never in a URL).

export const LEFT_MESSAGE_STATUSES = ['new', 'answered', 'closed'] as const;
export const leftMessageStatusSchema = z.enum(LEFT_MESSAGE_STATUSES);
export type LeftMessageStatus = z.infer<typeof leftMessageStatusSchema>;

/** Human reference of a left message, e.g. EK-7K3Q-9PXD (no 0/O, 1/I/L). */
export const leftMessageReferenceSchema = z.string().check(z.regex(/^EK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/));

export const leaveMessageRequestSchema = z.object({
  language: languageSchema,
  topic: topicIdSchema,
  /** The desk's own limit (MAX_MESSAGE_LENGTH) is checked by the server. */
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(PROTOCOL_MAX_BODY_CHARS)),
  email: z.email().check(z.maxLength(254)),
  /** Consent to the processing of the message and address in order to answer it. */
  consent: z.literal(true),
});
export type LeaveMessageRequest = z.infer<typeof leaveMessageRequestSchema>;

export const leaveMessageResponseSchema = z.object({
  reference: leftMessageReferenceSchema,
  /** Opens the private page `/message#<token>`: keep it out of URLs that get logged. */
  token: z.string(),
});
export type LeaveMessageResponse = z.infer<typeof leaveMessageResponseSchema>;

/**
 * At most this many files go with one left message (a few documents and photos, not an archive);
 * same types and size limit as chat files (FILE_TYPES, FILE_MAX_BYTES). The message with files is
 * sent as multipart/form-data: a `message` field holding the JSON above, then the `files` parts.
 */
export const MAX_LEFT_MESSAGE_FILES = 5;

/** Never more than a conversation may hold: FILES_PER_CONVERSATION=0 turns files off here too. */
export function maxLeftMessageFiles(limits: { perConversation: number }): number {
  return Math.min(MAX_LEFT_MESSAGE_FILES, limits.perConversation);
}

/** A file attached to a left message, as listed to its visitor and to staff. */
export const leftMessageFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: fileTypeSchema,
  size: z.number(),
});
export type LeftMessageFile = z.infer<typeof leftMessageFileSchema>;

/** What the visitor sees on their private page. */
export const visitorLeftMessageSchema = z.object({
  reference: leftMessageReferenceSchema,
  status: leftMessageStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  body: z.string(),
  createdAt: z.iso.datetime(),
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(z.iso.datetime()),
  files: z.array(leftMessageFileSchema),
});
export type VisitorLeftMessage = z.infer<typeof visitorLeftMessageSchema>;

/** What staff see in the inbox. */
export const staffLeftMessageSchema = z.object({
  id: z.uuid(),
  reference: leftMessageReferenceSchema,
  status: leftMessageStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  email: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(z.iso.datetime()),
  answeredBy: z.nullable(staffRefSchema),
  closedAt: z.nullable(z.iso.datetime()),
  files: z.array(leftMessageFileSchema),
});
export type StaffLeftMessage = z.infer<typeof staffLeftMessageSchema>;

export const inboxQuerySchema = z.object({ status: z.optional(leftMessageStatusSchema) });
export const inboxListSchema = z.object({ messages: z.array(staffLeftMessageSchema) });
export type InboxList = z.infer<typeof inboxListSchema>;

export const answerLeftMessageRequestSchema = z.object({
  answer: z.string().check(z.trim(), z.minLength(1), z.maxLength(PROTOCOL_MAX_BODY_CHARS)),
});
export type AnswerLeftMessageRequest = z.infer<typeof answerLeftMessageRequestSchema>;

// ---------------------------------------------------------------------------------------------
// The consultant's tools: canned answers, internal notes, the visitor's context (HTTP)

/** Personal answers belong to one consultant; the shared set is the desk's, edited by admins. */
export const CANNED_SCOPES = ['personal', 'shared'] as const;
export const cannedScopeSchema = z.enum(CANNED_SCOPES);
export type CannedScope = z.infer<typeof cannedScopeSchema>;

export const cannedAnswerSchema = z.object({
  id: z.uuid(),
  scope: cannedScopeSchema,
  language: languageSchema,
  title: z.string(),
  /** May hold {visitorName} and {officeHours}: the console fills them in the conversation's language. */
  body: z.string(),
  updatedAt: z.iso.datetime(),
});
export type CannedAnswer = z.infer<typeof cannedAnswerSchema>;

const cannedTitleSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
const cannedBodySchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(PROTOCOL_MAX_BODY_CHARS));

export const cannedAnswerRequestSchema = z.object({
  scope: cannedScopeSchema,
  language: languageSchema,
  title: cannedTitleSchema,
  body: cannedBodySchema,
});
export type CannedAnswerRequest = z.infer<typeof cannedAnswerRequestSchema>;

/** An edit keeps the answer's scope. */
export const cannedAnswerUpdateSchema = z.object({ language: languageSchema, title: cannedTitleSchema, body: cannedBodySchema });
export type CannedAnswerUpdate = z.infer<typeof cannedAnswerUpdateSchema>;

export const cannedAnswerQuerySchema = z.object({
  language: z.optional(languageSchema),
  scope: z.optional(cannedScopeSchema),
  /** Words to find in the title or the text, case-insensitive. */
  q: z.optional(z.string().check(z.maxLength(100))),
});
export const cannedAnswerListSchema = z.object({ answers: z.array(cannedAnswerSchema) });
export type CannedAnswerList = z.infer<typeof cannedAnswerListSchema>;

/** A note staff leave for each other inside a conversation; never shown to the visitor. */
export const noteSchema = z.object({
  id: z.uuid(),
  conversationId: conversationIdSchema,
  author: staffRefSchema,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type Note = z.infer<typeof noteSchema>;

export const addNoteRequestSchema = z.object({ body: z.string().check(z.trim(), z.minLength(1), z.maxLength(PROTOCOL_MAX_BODY_CHARS)) });
export const noteListSchema = z.object({ notes: z.array(noteSchema) });

/** One of the visitor's earlier conversations from the same device (only when they allowed it). */
export const earlierConversationSchema = z.object({
  id: conversationIdSchema,
  startedAt: z.iso.datetime(),
  topic: topicIdSchema,
  outcome: z.nullable(closeOutcomeSchema),
  consultantName: z.nullable(z.string()),
});
export type EarlierConversation = z.infer<typeof earlierConversationSchema>;

/** What the console shows beside a conversation about the visitor. */
export const visitorContextSchema = z.object({
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

// ---------------------------------------------------------------------------------------------
// Routing and the waiting visitor (src/server/routing; docs/routing.md)

/** `auto`: each new conversation is offered to one consultant; `manual`: consultants pick from the queue. */
export const ROUTING_MODES = ['auto', 'manual'] as const;
export const routingModeSchema = z.enum(ROUTING_MODES);
export type RoutingMode = z.infer<typeof routingModeSchema>;

export const routingSettingsSchema = z.object({
  mode: routingModeSchema,
  /** An offer not accepted within this time goes to the next consultant. */
  offerTimeoutSeconds: z.int().check(z.gte(10), z.lte(600)),
  /** A consultant with no connection for this long gets their conversations returned to the queue. */
  disconnectGraceSeconds: z.int().check(z.gte(10), z.lte(3600)),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
export const routingSettingsPatchSchema = z.partial(routingSettingsSchema);
export type RoutingSettingsPatch = z.infer<typeof routingSettingsPatchSchema>;

/** A colleague as the console shows them. */
export const staffPresenceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  availability: staffAvailabilitySchema,
  languages: z.array(languageSchema),
});
export type StaffPresence = z.infer<typeof staffPresenceSchema>;

/** Where a waiting visitor stands. */
export const queueStatusSchema = z.object({
  /** 1 = next; counted among the conversations waiting in the same language. */
  position: z.int().check(z.gte(1)),
  /** "About N minutes", already rounded (docs/routing.md); null when no consultant on duty can take it. */
  estimateMinutes: z.nullable(z.int().check(z.gte(1))),
  /** The estimate runs past today's closing (or the desk is closed): it may not be served today. */
  pastClosing: z.boolean(),
  /** Languages a consultant on duty speaks now, for a visitor whose own language is not among them. */
  languagesOnDuty: z.array(languageSchema),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const staffAvailabilityFrame = z.object({
  type: z.literal('staff.availability'),
  availability: staffAvailabilitySchema,
});

/** The consultant turns down an offer; it goes to the next consultant. Accepting is `conversation.take`. */
export const routingDeclineFrame = z.object({
  type: z.literal('routing.decline'),
  conversationId: conversationIdSchema,
});

/** A waiting visitor continues in another language (one a consultant on duty speaks). */
export const visitorLanguageFrame = z.object({
  type: z.literal('visitor.language'),
  language: languageSchema,
});

export const routingOfferFrame = z.object({
  type: z.literal('routing.offer'),
  conversation: conversationSummarySchema,
  expiresAt: z.iso.datetime(),
});

/** The offer is gone: it expired, was declined, or the conversation left the queue. */
export const routingOfferEndedFrame = z.object({
  type: z.literal('routing.offer.ended'),
  conversationId: conversationIdSchema,
});

export const staffPresenceFrame = z.object({
  type: z.literal('staff.presence'),
  staff: staffPresenceSchema,
});

/** Colleagues' availability, sent to a console after its welcome. */
export const staffPresenceListFrame = z.object({
  type: z.literal('staff.presence.list'),
  staff: z.array(staffPresenceSchema),
});

export const visitorQueueFrame = z.object({
  type: z.literal('visitor.queue'),
  queue: queueStatusSchema,
});

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

/** Starts a call: staff name the conversation; a visitor's socket is bound to one. */
export const callStartFrame = z.object({
  type: z.literal('call.start'),
  conversationId: z.optional(conversationIdSchema),
  kind: callKindSchema,
});
/** Answers a ringing call, or joins one as an invited interpreter. */
export const callAcceptFrame = z.object({ type: z.literal('call.accept'), callId: z.uuid() });
/** Declines a ringing call, or an invitation into one. */
export const callDeclineFrame = z.object({ type: z.literal('call.decline'), callId: z.uuid() });
export const callHangupFrame = z.object({
  type: z.literal('call.hangup'),
  callId: z.uuid(),
  /** `dropped`: the connection was lost and did not come back. */
  reason: z.optional(z.enum(['hangup', 'dropped'])),
});
/** Offer, answer (a renegotiation or an ICE restart is a new offer) or ICE candidate, to one peer. */
export const callSignalFrame = z.object({
  type: z.literal('call.signal'),
  callId: z.uuid(),
  to: callPeerSchema,
  signal: callSignalSchema,
});
/** Asks for fresh ICE servers (TURN credentials expire); answered with `call.ice`. */
export const callIceRequestFrame = z.object({ type: z.literal('call.ice'), callId: z.uuid() });
/** The visitor asks the consultant to call them. */
export const callRequestFrame = z.object({ type: z.literal('call.request') });
/** The consultant invites a staff member into the call as an interpreter. */
export const callInviteFrame = z.object({ type: z.literal('call.invite'), callId: z.uuid(), staffId: z.uuid() });

/** Someone is (or stopped) typing; the browser sends it at most every few seconds. Never stored. */
export const typingSendFrame = z.object({
  type: z.literal('typing'),
  /** Required for staff; a visitor's socket is bound to one conversation. */
  conversationId: z.optional(conversationIdSchema),
  active: z.boolean(),
});

/** Staff have read the conversation up to `seq` (the visitor sees their messages as read). */
export const conversationReadFrame = z.object({
  type: z.literal('conversation.read'),
  conversationId: conversationIdSchema,
  seq: seqSchema,
});

export const clientFrameSchema = z.discriminatedUnion('type', [
  visitorHelloFrame,
  staffHelloFrame,
  messageSendFrame,
  conversationSyncFrame,
  conversationTakeFrame,
  conversationCloseFrame,
  conversationEndFrame,
  pingFrame,
  callStartFrame,
  callAcceptFrame,
  callDeclineFrame,
  callHangupFrame,
  callSignalFrame,
  callIceRequestFrame,
  callRequestFrame,
  callInviteFrame,
  staffAvailabilityFrame,
  routingDeclineFrame,
  visitorLanguageFrame,
  typingSendFrame,
  conversationReadFrame,
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

/** A call's state changed (or, after a hello, a call that is live now). */
export const callUpdatedFrame = z.object({ type: z.literal('call.updated'), call: callSchema });
export const callSignalRelayFrame = z.object({
  type: z.literal('call.signal'),
  callId: z.uuid(),
  from: callPeerSchema,
  signal: callSignalSchema,
});
/** ICE servers for one call, with TURN credentials valid until `expiresAt`. */
export const callIceFrame = z.object({
  type: z.literal('call.ice'),
  callId: z.uuid(),
  iceServers: z.array(iceServerSchema),
  expiresAt: z.iso.datetime(),
});

/** The other side is typing (or stopped): to staff about the visitor, to the visitor about staff. */
export const typingFrame = z.object({
  type: z.literal('typing'),
  /** Set for staff sockets, which follow several conversations. */
  conversationId: z.optional(conversationIdSchema),
  author: z.enum(['visitor', 'staff']),
  active: z.boolean(),
});

/** To the visitor: staff have read their messages up to `seq`. */
export const readFrame = z.object({ type: z.literal('read'), seq: seqSchema });

/** To staff only: a new internal note. */
export const noteFrame = z.object({ type: z.literal('note'), note: noteSchema });

/** To the consultant a conversation was transferred to, and only to them. */
export const transferNoteFrame = z.object({ type: z.literal('transfer.note'), note: transferNoteSchema });

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
  callUpdatedFrame,
  callSignalRelayFrame,
  callIceFrame,
  routingOfferFrame,
  routingOfferEndedFrame,
  staffPresenceFrame,
  staffPresenceListFrame,
  visitorQueueFrame,
  typingFrame,
  readFrame,
  noteFrame,
  transferNoteFrame,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrame>;

// ---------------------------------------------------------------------------------------------
// Booked calls (HTTP)

/** Stored: a booking is live until cancelled. */
export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** An IANA time zone id as the browser reports it; the server also checks that Intl knows it. */
export const timeZoneIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_+\-/]+$/));

export const bookingSlotSchema = z.object({
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Bookings this slot still takes in the requested language (always ≥ 1 in a list of free slots). */
  placesLeft: z.int(),
});
export type BookingSlot = z.infer<typeof bookingSlotSchema>;

export const bookingSlotsResponseSchema = z.object({
  /** The office's time zone, in which the days are grouped. */
  timeZone: z.string(),
  slotMinutes: z.int(),
  slots: z.array(bookingSlotSchema),
});
export type BookingSlotsResponse = z.infer<typeof bookingSlotsResponseSchema>;

export const createBookingRequestSchema = z.object({
  language: languageSchema,
  topic: topicIdSchema,
  callKind: bookingCallKindSchema,
  startsAt: z.iso.datetime(),
  email: z.email().check(z.maxLength(254)),
  /** The visitor's own time zone, for the times in their e-mails. */
  timeZone: timeZoneIdSchema,
  privacyAccepted: z.literal(true),
});
export type CreateBookingRequest = z.infer<typeof createBookingRequestSchema>;

export const moveBookingRequestSchema = z.object({
  startsAt: z.iso.datetime(),
  timeZone: timeZoneIdSchema,
});
export type MoveBookingRequest = z.infer<typeof moveBookingRequestSchema>;

/** What the visitor's private link shows. */
export const visitorBookingSchema = z.object({
  status: z.enum(BOOKING_STATUSES),
  language: languageSchema,
  topic: topicIdSchema,
  callKind: bookingCallKindSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  officeTimeZone: z.string(),
  /** From when "Join the call" is offered (a few minutes before the start) until `endsAt`. */
  joinFrom: z.iso.datetime(),
});
export type VisitorBooking = z.infer<typeof visitorBookingSchema>;

export const createBookingResponseSchema = z.object({
  /** The key of the private link `/booking#<token>`: keep it out of URLs that get logged. */
  token: z.string(),
  booking: visitorBookingSchema,
});
export type CreateBookingResponse = z.infer<typeof createBookingResponseSchema>;

export const bookingResponseSchema = z.object({ booking: visitorBookingSchema });

/** How a booking looks on the console's agenda, from its stored status, its conversation and the time. */
export const AGENDA_STATUSES = ['booked', 'waiting', 'in_progress', 'done', 'missed', 'cancelled'] as const;
export const agendaStatusSchema = z.enum(AGENDA_STATUSES);
export type AgendaStatus = z.infer<typeof agendaStatusSchema>;

export const agendaEntrySchema = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  language: languageSchema,
  topic: topicIdSchema,
  callKind: bookingCallKindSchema,
  status: agendaStatusSchema,
  /** The conversation the visitor joined with, once they have. */
  conversationId: z.nullable(conversationIdSchema),
});
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

export const agendaResponseSchema = z.object({
  /** YYYY-MM-DD in the office's time zone. */
  date: z.string(),
  timeZone: z.string(),
  entries: z.array(agendaEntrySchema),
});
export type AgendaResponse = z.infer<typeof agendaResponseSchema>;
