/**
 * The part of the wire the visitor page needs before a conversation exists: the desk info with its
 * schedule, starting a conversation, and the problem body of a failed request. It is a module of
 * its own so that the visitor page's first load carries these schemas and none of the rest
 * (frames, staff, admin), which a bundler cannot leave out of a module the first load imports.
 * protocol.ts re-exports all of it; import from here only in the visitor's first-load code.
 * Imports nothing from `src/server` or `src/web` (test/shared/boundary.test.ts).
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './errors';
import { UI_LANGUAGES } from './languages';
import { defineRoute, FILE } from './wire/contract';
import { officeInfoSchema } from './wire/office';

export const languageSchema = z.enum(UI_LANGUAGES);
export const topicIdSchema = z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/));
export const TOPIC_NAME_MAX_LENGTH = 120;
/** A topic's name per visitor language. */
export const topicNamesSchema = z.partialRecord(languageSchema, z.string().check(z.trim(), z.maxLength(TOPIC_NAME_MAX_LENGTH)));
export type TopicNames = z.infer<typeof topicNamesSchema>;

/** The largest sequence number stored: PostgreSQL's integer, which JavaScript's safe integers pass by far. */
const MAX_SEQ = 2 ** 31 - 1;
export const seqSchema = z.int().check(z.nonnegative(), z.lte(MAX_SEQ));

export const CONVERSATION_STATUSES = ['waiting', 'active', 'closed'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);

/** File types a conversation may carry, decided by content; an office may allow fewer (FILE_TYPES). */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const fileTypeSchema = z.enum(FILE_TYPES);
export type FileType = z.infer<typeof fileTypeSchema>;

/** iPhone photos (HEIC/HEIF): accepted wherever JPEG is, and stored as JPEG (the server converts them). */
export const CONVERTED_TO_JPEG = ['image/heic', 'image/heif'] as const;

/** What a sender may pick when `types` may be stored: those, and the photos converted to one of them. */
export function uploadTypes(types: readonly FileType[]): readonly string[] {
  return types.includes('image/jpeg') ? [...types, ...CONVERTED_TO_JPEG] : types;
}

/** What the browsers need to know before a call: who may start one, and the video cap. */
const callSettingsSchema = z.object({
  visitorMayStart: z.boolean(),
  video: z.object({ width: z.int(), height: z.int(), frameRate: z.int(), maxBitrateKbps: z.int() }),
});
export type CallSettings = z.infer<typeof callSettingsSchema>;

/** What a visitor may know about their own conversation. */
export const visitorConversationSchema = z.object({
  status: conversationStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  visitorName: z.nullable(z.string()),
  consultantName: z.nullable(z.string()),
  startedAt: z.iso.datetime(),
  lastSeq: seqSchema,
  /** Staff have read the visitor's messages up to this seq (read receipts). */
  readSeq: z.optional(seqSchema),
  /** It left the queue while the visitor was away: they may take a place at its back again. */
  mayRejoin: z.optional(z.boolean()),
});
export type VisitorConversation = z.infer<typeof visitorConversationSchema>;

const nameSchema = z.string().check(z.trim(), z.maxLength(60));

/** Any language by its BCP 47 subtag (ISO 639), e.g. `uz`, `tl`: one the interface need not offer. */
export const spokenLanguageSchema = z.string().check(z.regex(/^[a-z]{2,3}$/));

const startConversationRequestSchema = z.object({
  language: languageSchema,
  /** "My language is not listed": the language the visitor speaks, when the interface does not offer it. */
  spokenLanguage: z.optional(spokenLanguageSchema),
  topic: topicIdSchema,
  visitorName: z.optional(nameSchema),
  privacyAccepted: z.literal(true),
  /** The browser's IANA time zone, shown to staff as the visitor's local time (ignored if unknown). */
  visitorTimeZone: z.optional(z.string().check(z.maxLength(64))),
  /**
   * A random id this browser keeps; sent only when the visitor allows staff to see their earlier
   * conversations from this device. The server stores only its hash.
   */
  deviceId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/))),
});
export type StartConversationRequest = z.infer<typeof startConversationRequestSchema>;

export const startConversationResponseSchema = z.object({
  /** The visitor's only key to the conversation: keep it out of URLs and logs. */
  token: z.string(),
  conversation: visitorConversationSchema,
});
export type StartConversationResponse = z.infer<typeof startConversationResponseSchema>;

/** The page of a case code's QR link (wire/handoff.ts); the one-time secret follows `#`, which the browser sends to no server. */
export const CONTINUE_PAGE_PATH = '/continue';

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
const scheduleReasonSchema = z.enum(SCHEDULE_REASONS);
export type ScheduleReason = z.infer<typeof scheduleReasonSchema>;

const holidaySchema = z.object({
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
  /** The topics offered to visitors, in order. */
  topics: z.array(topicIdSchema),
  /** The office's names of every topic, offered or not (older conversations keep theirs). */
  topicNames: z.optional(z.record(z.string(), topicNamesSchema)),
  schedule: scheduleStatusSchema,
  /**
   * The desk's languages an available consultant with a live connection speaks right now; when
   * the desk is open and the visitor's language is not here, nobody can answer them yet.
   */
  languagesOnDuty: z.array(languageSchema),
  /** The office sends e-mail (SMTP_URL): without it nothing may promise one, and the private link is the way back. */
  sendsEmail: z.boolean(),
  maxMessageLength: z.int(),
  /** What a file sent in a conversation may be; perConversation 0 means files are off. */
  files: z.optional(z.object({ maxBytes: z.int(), types: z.array(fileTypeSchema), perConversation: z.int() })),
  calls: z.optional(callSettingsSchema),
  /** The office's own profile: its names, contacts and facts (src/server/office). */
  office: officeInfoSchema,
});
export type DeskInfo = z.infer<typeof deskInfoSchema>;

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

/** Visitor routes of the first load; they are here, not in wire/conversations.ts, to keep that module out of it. */
/** The id of the JSON block in which the visitor page carries the desk info it was served with. */
export const DESK_INFO_ELEMENT_ID = 'desk-info';

export const DESK_ROUTES = {
  info: defineRoute({ method: 'GET', path: '/api/desk', auth: 'none', response: deskInfoSchema }),
};

/**
 * The closed visitor page counts a visit for the reports (src/server/reports); `counted`: the
 * office day this browser already counted one for (it keeps the answer's `day`), so a reload that
 * day is not counted again. No personal data: a count per office day, language and closing reason.
 */
const officeDaySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const closedVisitRequestSchema = z.object({ language: languageSchema, counted: z.optional(officeDaySchema) });
export type ClosedVisitRequest = z.infer<typeof closedVisitRequestSchema>;
const closedVisitResponseSchema = z.object({ day: officeDaySchema, counted: z.boolean() });
export type ClosedVisitResponse = z.infer<typeof closedVisitResponseSchema>;
export const CLOSED_VISIT_ROUTE = defineRoute({
  method: 'POST',
  path: '/api/reports/closed-visit',
  auth: 'none',
  body: closedVisitRequestSchema,
  response: closedVisitResponseSchema,
});

export const CONVERSATION_ROUTES = {
  start: defineRoute({
    method: 'POST',
    path: '/api/conversations',
    auth: 'none',
    body: startConversationRequestSchema,
    response: startConversationResponseSchema,
    status: 201,
  }),
  /**
   * Query `lang`: the transcript's language; one the page does not offer falls back to the
   * conversation's, then the desk's. Not a schema: the first load would carry it, and nothing refuses.
   */
  transcript: defineRoute({ method: 'GET', path: '/api/conversations/current/transcript', auth: 'visitor-token', response: FILE }),
  /** The same transcript as a tagged PDF (its language set), with the same query `lang`. */
  transcriptPdf: defineRoute({ method: 'GET', path: '/api/conversations/current/transcript.pdf', auth: 'visitor-token', response: FILE }),
  /** The visitor erases a finished conversation's token: from then on it opens nothing, on any device. */
  forget: defineRoute({ method: 'POST', path: '/api/conversations/current/forget', auth: 'visitor-token', response: null }),
};
