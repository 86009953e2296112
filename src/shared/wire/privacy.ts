/**
 * Data-subject requests (src/server/privacy): an admin finds one person's data by a key they
 * were given — a case code, a left message's reference, a booking's or a conversation's id, or an
 * e-mail address — and sees, exports, erases it, or removes one message's text.
 */
import * as z from 'zod/mini';
import { fileTypeSchema, seqSchema } from '../desk-protocol';
import { defineRoute, FILE } from './contract';
import { AUTHOR_KINDS } from './messages';

/** Whatever the office was given: the server tells which key it is (an `@`, the EK- form, a UUID). */
export const privacyQuerySchema = z.object({ key: z.string().check(z.trim(), z.minLength(1), z.maxLength(254)) });
export type PrivacyQuery = z.infer<typeof privacyQuerySchema>;

export const PRIVACY_KEY_KINDS = ['email', 'readable_code', 'id'] as const;

const storedFileSchema = z.object({ id: z.uuid(), name: z.string(), contentType: fileTypeSchema, size: z.int() });

const foundMessageSchema = z.object({
  seq: seqSchema,
  author: z.enum(AUTHOR_KINDS),
  authorName: z.nullable(z.string()),
  body: z.string(),
  event: z.nullable(z.string()),
  sentAt: z.string(),
  file: z.nullable(storedFileSchema),
});

const foundConversationSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  language: z.string(),
  topic: z.string(),
  visitorName: z.nullable(z.string()),
  startedAt: z.string(),
  closedAt: z.nullable(z.string()),
  bookingId: z.nullable(z.string()),
  messages: z.array(foundMessageSchema),
});
export type FoundConversation = z.infer<typeof foundConversationSchema>;

const foundLeftMessageSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  email: z.string(),
  language: z.string(),
  topic: z.string(),
  status: z.string(),
  body: z.string(),
  leftAt: z.string(),
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(z.string()),
  replies: z.array(z.object({ author: z.string(), body: z.string(), at: z.string() })),
  files: z.array(storedFileSchema),
});

const foundBookingSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  language: z.string(),
  topic: z.string(),
  callKind: z.string(),
  status: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  bookedAt: z.string(),
  visitorTimeZone: z.string(),
});

/** One person's data as the admin sees it; the export adds each file's bytes (`base64`). */
export const personDataSchema = z.object({
  key: z.object({ kind: z.enum(PRIVACY_KEY_KINDS), value: z.string() }),
  conversations: z.array(foundConversationSchema),
  leftMessages: z.array(foundLeftMessageSchema),
  bookings: z.array(foundBookingSchema),
});
export type PersonData = z.infer<typeof personDataSchema>;

export const erasureSummarySchema = z.object({ conversations: z.int(), leftMessages: z.int(), bookings: z.int(), mails: z.int() });
export type ErasureSummary = z.infer<typeof erasureSummarySchema>;

/** POST throughout: an e-mail address is a key, and keys stay out of URLs (and so out of access logs). */
export const PRIVACY_ROUTES = {
  find: defineRoute({ method: 'POST', path: '/api/admin/privacy/find', auth: 'admin', body: privacyQuerySchema, response: personDataSchema }),
  /** One JSON file: the same data, every file's bytes base64-encoded in it. */
  export: defineRoute({ method: 'POST', path: '/api/admin/privacy/export', auth: 'admin', body: privacyQuerySchema, response: FILE }),
  /** Everything the key finds, gone; refused while a conversation of it is open. */
  erase: defineRoute({ method: 'POST', path: '/api/admin/privacy/erase', auth: 'admin', body: privacyQuerySchema, response: erasureSummarySchema }),
  /** The message's text (and file, and translations) gone; a "removed by the office" marker stays. */
  redact: defineRoute({ method: 'POST', path: '/api/admin/privacy/conversations/:id/messages/:seq/redact', auth: 'admin', response: null }),
};
