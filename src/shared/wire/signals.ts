/** Typing and read receipts: never stored (src/server/signals). */
import * as z from 'zod/mini';
import { seqSchema } from '../desk-protocol';
import { conversationIdSchema } from './common';

/** Someone is (or stopped) typing; the browser sends it at most every few seconds. Never stored. */
const typingSendFrame = z.object({
  type: z.literal('typing'),
  /** Required for staff; a visitor's socket is bound to one conversation. */
  conversationId: z.optional(conversationIdSchema),
  active: z.boolean(),
});

/** Staff have read the conversation up to `seq` (the visitor sees their messages as read). */
const conversationReadFrame = z.object({
  type: z.literal('conversation.read'),
  conversationId: conversationIdSchema,
  seq: seqSchema,
});

/** The other side is typing (or stopped): to staff about the visitor, to the visitor about staff. */
const typingFrame = z.object({
  type: z.literal('typing'),
  /** Set for staff sockets, which follow several conversations. */
  conversationId: z.optional(conversationIdSchema),
  author: z.enum(['visitor', 'staff']),
  active: z.boolean(),
});

/** To the visitor: staff have read their messages up to `seq`. */
const readFrame = z.object({ type: z.literal('read'), seq: seqSchema });

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const SIGNAL_CLIENT_FRAMES = [typingSendFrame, conversationReadFrame] as const;

/** Frames this domain sends. */
export const SIGNAL_SERVER_FRAMES = [typingFrame, readFrame] as const;
