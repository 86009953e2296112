/**
 * Reports and visitor satisfaction (src/server/reports, src/server/satisfaction): the figures
 * supervisors and admins read from the aggregate store, their CSV exports, today's live figures,
 * and the visitor's rating of a conversation or of an answered left message.
 */
import * as z from 'zod/mini';
import { CLOSED_VISIT_ROUTE, languageSchema, topicIdSchema } from '../desk-protocol';
import { defineRoute, FILE } from './contract';

export const CHANNELS = ['text', 'voice', 'video', 'interpreter', 'booked_call', 'left_message'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MEASURES = [
  'conversation_started',
  'conversation_ended',
  'first_response',
  'handling',
  'start_refused',
  'call',
  'interpreter_call',
  'left_message_received',
  'left_message_answered',
  /** A visitor's reply in a left message's thread, counted when it came. */
  'left_message_reply',
  /** The office's answer to a reply, with the working time since the reply it answered. */
  'left_message_reply_answered',
  'booking_made',
  'booking_cancelled',
  'booking_attended',
  'satisfaction',
  /** A visit to the visitor page while the desk was closed (once per browser and office day), by why it was closed. */
  'closed_visit',
  /** What such a visitor did next (CLOSED_VISIT_NEXT), at most once per visit. */
  'closed_visit_next',
] as const;
export type Measure = (typeof MEASURES)[number];

export const CLOSED_VISIT_NEXT = ['left_message', 'booked'] as const;
export type ClosedVisitNext = (typeof CLOSED_VISIT_NEXT)[number];

export const CONVERSATION_RESULTS = ['served', 'given_up', 'turned_away'] as const;
export type ConversationResult = (typeof CONVERSATION_RESULTS)[number];

export const GROUP_BYS = ['day', 'week', 'month', 'language', 'topic', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Each figure of the reports screen: one table (and its chart), exportable as CSV. */
export const FIGURES = ['summary', 'by_group', 'wait_buckets', 'calls', 'interpreter_calls', 'bookings', 'satisfaction', 'heatmap', 'per_consultant', 'closed_visits'] as const;
export type Figure = (typeof FIGURES)[number];

const daySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const reportQuerySchema = z.object({
  from: daySchema,
  to: daySchema,
  language: z.optional(languageSchema),
  topic: z.optional(topicIdSchema),
  channel: z.optional(z.enum(CHANNELS)),
  groupBy: z.optional(z.enum(GROUP_BYS)),
  /** `1`: blank small groups as exports do (the printable summary). */
  suppress: z.optional(z.literal('1')),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A cell: a count, a figure in seconds or a label; null where there is nothing to show. */
const cellSchema = z.nullable(z.union([z.number(), z.string()]));
export type ReportCell = z.infer<typeof cellSchema>;

/**
 * One figure as a table: column ids (translated by the screen as `reports.column.<id>`), and rows.
 * Columns ending in `_seconds` hold durations; `label` columns hold ids the screen translates.
 */
const reportTableSchema = z.object({
  figure: z.enum(FIGURES),
  columns: z.array(z.string()),
  rows: z.array(z.array(cellSchema)),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

const reportSchema = z.object({ from: daySchema, to: daySchema, tables: z.array(reportTableSchema) });
export type Report = z.infer<typeof reportSchema>;

/** The supervision view's figures for today (live tables for the queue, the store for the rest). */
const liveFiguresSchema = z.object({
  waitingNow: z.number(),
  longestWaitSeconds: z.nullable(z.number()),
  servedToday: z.number(),
  givenUpToday: z.number(),
});
export type LiveFigures = z.infer<typeof liveFiguresSchema>;

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const SATISFACTION_COMMENT_MAX = 1000;

export const rateRequestSchema = z.object({
  rating: z.int().check(z.minimum(1), z.maximum(5)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(SATISFACTION_COMMENT_MAX))),
});
export type RateRequest = z.infer<typeof rateRequestSchema>;

/** A comment as supervisors read it: no conversation, no visitor, no consultant. */
const satisfactionCommentSchema = z.object({
  day: daySchema,
  language: z.string(),
  channel: z.string(),
  rating: z.number(),
  comment: z.string(),
});
export type SatisfactionComment = z.infer<typeof satisfactionCommentSchema>;

const commentsQuerySchema = z.object({ from: daySchema, to: daySchema });

export const REPORT_ROUTES = {
  report: defineRoute({ method: 'GET', path: '/api/reports', auth: 'supervisor', query: reportQuerySchema, response: reportSchema }),
  /** One figure as CSV: UTF-8 with BOM, RFC 4180, small groups suppressed. */
  exportCsv: defineRoute({ method: 'GET', path: '/api/reports/csv/:figure', auth: 'supervisor', query: reportQuerySchema, response: FILE }),
  live: defineRoute({ method: 'GET', path: '/api/reports/live', auth: 'supervisor', response: liveFiguresSchema }),
  /** The visitor's first load counts it, so its contract lives in desk-protocol.ts. */
  closedVisit: CLOSED_VISIT_ROUTE,
};

export const SATISFACTION_ROUTES = {
  rateConversation: defineRoute({ method: 'POST', path: '/api/satisfaction/conversation', auth: 'visitor-token', body: rateRequestSchema, response: null }),
  rateLeftMessage: defineRoute({ method: 'POST', path: '/api/satisfaction/left-message', auth: 'visitor-token', body: rateRequestSchema, response: null }),
  comments: defineRoute({
    method: 'GET',
    path: '/api/satisfaction/comments',
    auth: 'supervisor',
    query: commentsQuerySchema,
    response: z.object({ comments: z.array(satisfactionCommentSchema) }),
  }),
};
