/** The WebSocket itself: its path, keep-alive and the error frame every domain answers with. */
import * as z from 'zod/mini';
import { ERROR_CODES } from '../errors';

export const WEBSOCKET_PATH = '/ws';

const pingFrame = z.object({ type: z.literal('ping') });

const errorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  /** Set when the error answers a message.send, so the client can mark that message failed. */
  clientId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
  /** True when the server is about to close the socket. */
  fatal: z.optional(z.boolean()),
  /** With `busy`: how long to wait before trying again. */
  retryAfterMs: z.optional(z.number()),
  /** Safe to show; with `session_idle`: the idle timeout's minutes. */
  detail: z.optional(z.string()),
});

const pongFrame = z.object({ type: z.literal('pong') });
export type ErrorFrame = z.infer<typeof errorFrame>;

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const CONNECTION_CLIENT_FRAMES = [pingFrame] as const;

/** Frames this domain sends. */
export const CONNECTION_SERVER_FRAMES = [errorFrame, pongFrame] as const;
