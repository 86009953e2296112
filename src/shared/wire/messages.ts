/** A message of a conversation as both sides see it: text, a file, or a system event. */
import * as z from 'zod/mini';
import { fileTypeSchema, seqSchema } from '../desk-protocol';
import { callRecordSchema } from './calls';
import { messageTranslationSchema } from './translation';

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
  /** Calls (src/server/calls): the visitor asked for one; the consultant said "not now"; one ended (the message carries `call`). */
  'call_requested',
  'call_request_declined',
  'call_ended',
  /** Idle and abandoned conversations (src/server/inactivity): "are you still there?", then the end. */
  'visitor_idle_warning',
  'visitor_inactive',
  /** Left the queue: the visitor had no connection for a while; they may take a place at its back again. */
  'visitor_absent',
  'rejoined_queue',
  /**
   * Closing (src/server/closing): a waiting visitor is offered a left message or a booking, because
   * the desk closes soon or nobody is on duty; then it ends one way or the other (`ended_at_closing`
   * carries the next opening time, ISO, as its body).
   */
  'desk_closing',
  'nobody_on_duty',
  'left_message_at_closing',
  'ended_at_closing',
  /** An admin removed the message's text (src/server/privacy): only this marker stays, in its place. */
  'message_removed',
] as const;
const systemEventSchema = z.enum(SYSTEM_EVENTS);

/** A file sent in a conversation; the bytes are fetched separately by its id. */
const attachmentSchema = z.object({
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
  /** Set when the conversation is machine-translated (src/server/translation): the other side's text, or why not. */
  translation: z.optional(messageTranslationSchema),
});
export type Message = z.infer<typeof messageSchema>;
