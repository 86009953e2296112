/**
 * Messages left while the desk is closed (src/server/inbox): answered by e-mail and on the
 * visitor's private page, which its token opens (sent as a bearer token, never in a URL).
 */
import * as z from 'zod/mini';
import { fileTypeSchema, languageSchema, topicIdSchema } from '../desk-protocol';
import { emailAddressSchema, staffRefSchema, writtenTextSchema } from './common';
import { defineRoute, FILE, MULTIPART } from './contract';
import { READABLE_CODE_PATTERN } from '../readable-code';

export const LEFT_MESSAGE_STATUSES = ['new', 'answered', 'closed'] as const;
const leftMessageStatusSchema = z.enum(LEFT_MESSAGE_STATUSES);
export type LeftMessageStatus = z.infer<typeof leftMessageStatusSchema>;

/** Human reference of a left message, e.g. EK-7K3Q-9PXD (no 0/O, 1/I/L). */
const leftMessageReferenceSchema = z.string().check(z.regex(READABLE_CODE_PATTERN));

export const leaveMessageRequestSchema = z.object({
  language: languageSchema,
  topic: topicIdSchema,
  /** The desk's own limit (MAX_MESSAGE_LENGTH) is checked by the server. */
  body: writtenTextSchema,
  /** Required by the form when the office sends e-mail (`DeskInfo.sendsEmail`); without it, not asked and not kept. */
  email: z.optional(emailAddressSchema),
  /** Consent to the processing of the message and address in order to answer it. */
  consent: z.literal(true),
  /** The visitor came to the page while the desk was closed, and this is what they did next (counted once). */
  closedVisit: z.optional(z.literal(true)),
});
export type LeaveMessageRequest = z.infer<typeof leaveMessageRequestSchema>;

export const leaveMessageResponseSchema = z.object({
  reference: leftMessageReferenceSchema,
  /** Opens the private page `/message#<token>`: keep it out of URLs that get logged. */
  token: z.string(),
  /** Some files wait for the virus scanner (it could not be reached): the office sees them once they are found clean. */
  filesChecking: z.boolean(),
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
const leftMessageFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: fileTypeSchema,
  size: z.number(),
});
export type LeftMessageFile = z.infer<typeof leftMessageFileSchema>;

export const LEFT_MESSAGE_REPLY_AUTHORS = ['visitor', 'staff'] as const;
export type LeftMessageReplyAuthor = (typeof LEFT_MESSAGE_REPLY_AUTHORS)[number];

/** After the office's first answer, the thread goes on: the visitor's replies and further answers. */
const leftMessageReplySchema = z.object({
  id: z.uuid(),
  author: z.enum(LEFT_MESSAGE_REPLY_AUTHORS),
  body: z.string(),
  createdAt: z.iso.datetime(),
  files: z.array(leftMessageFileSchema),
});
export type LeftMessageReply = z.infer<typeof leftMessageReplySchema>;

/** Staff also see who answered. */
const staffLeftMessageReplySchema = z.extend(leftMessageReplySchema, { staff: z.nullable(staffRefSchema) });
export type StaffLeftMessageReply = z.infer<typeof staffLeftMessageReplySchema>;

/**
 * The visitor's reply on the private page: JSON without files; with files multipart/form-data, a
 * `message` field holding the JSON and the files (the same rules as a left message's, and the
 * whole thread holds no more than a conversation may).
 */
export const leftMessageReplyRequestSchema = z.object({ body: writtenTextSchema });
export type LeftMessageReplyRequest = z.infer<typeof leftMessageReplyRequestSchema>;

/** What the visitor sees on their private page. */
const visitorLeftMessageSchema = z.object({
  reference: leftMessageReferenceSchema,
  status: leftMessageStatusSchema,
  language: languageSchema,
  topic: topicIdSchema,
  body: z.string(),
  createdAt: z.iso.datetime(),
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(z.iso.datetime()),
  /** The files sent with the message itself; a reply's are in the reply. */
  files: z.array(leftMessageFileSchema),
  replies: z.array(leftMessageReplySchema),
  /** The visitor may reply: the office has answered and the message is not closed. */
  canReply: z.boolean(),
  /** The answer also goes by e-mail (an address, and an office that sends e-mail); otherwise only this page shows it. */
  answerByEmail: z.boolean(),
});
export type VisitorLeftMessage = z.infer<typeof visitorLeftMessageSchema>;

/** What staff see in the inbox: the visitor's view, and who wrote, who answered, when it was closed. */
const staffLeftMessageSchema = z.extend(visitorLeftMessageSchema, {
  id: z.uuid(),
  replies: z.array(staffLeftMessageReplySchema),
  /** Null when the visitor left none (a conversation turned into a message at closing). */
  email: z.nullable(z.string()),
  answeredBy: z.nullable(staffRefSchema),
  closedAt: z.nullable(z.iso.datetime()),
});
export type StaffLeftMessage = z.infer<typeof staffLeftMessageSchema>;

const inboxQuerySchema = z.object({ status: z.optional(leftMessageStatusSchema) });
const inboxListSchema = z.object({ messages: z.array(staffLeftMessageSchema) });

const answerLeftMessageRequestSchema = z.object({ answer: writtenTextSchema });

export const INBOX_ROUTES = {
  /** JSON (leaveMessageRequestSchema) without files; with files multipart/form-data, see MAX_LEFT_MESSAGE_FILES. */
  leave: defineRoute({ method: 'POST', path: '/api/left-messages', auth: 'none', body: MULTIPART, response: leaveMessageResponseSchema, status: 201 }),
  current: defineRoute({ method: 'GET', path: '/api/left-messages/current', auth: 'visitor-token', response: visitorLeftMessageSchema }),
  visitorFile: defineRoute({ method: 'GET', path: '/api/left-messages/current/files/:fileId', auth: 'visitor-token', response: FILE }),
  /** JSON (leftMessageReplyRequestSchema) without files; with files multipart/form-data, see leftMessageReplyRequestSchema. */
  /** The visitor deletes the message, its files and its thread. */
  erase: defineRoute({ method: 'DELETE', path: '/api/left-messages/current', auth: 'visitor-token', response: null }),
  reply: defineRoute({ method: 'POST', path: '/api/left-messages/current/replies', auth: 'visitor-token', body: MULTIPART, response: visitorLeftMessageSchema, status: 201 }),
  list: defineRoute({ method: 'GET', path: '/api/inbox', auth: 'staff', query: inboxQuerySchema, response: inboxListSchema }),
  get: defineRoute({ method: 'GET', path: '/api/inbox/:id', auth: 'staff', response: staffLeftMessageSchema }),
  file: defineRoute({ method: 'GET', path: '/api/inbox/:id/files/:fileId', auth: 'staff', response: FILE }),
  answer: defineRoute({
    method: 'POST',
    path: '/api/inbox/:id/answer',
    auth: 'staff',
    body: answerLeftMessageRequestSchema,
    response: staffLeftMessageSchema,
  }),
  close: defineRoute({ method: 'POST', path: '/api/inbox/:id/close', auth: 'staff', response: staffLeftMessageSchema }),
};
