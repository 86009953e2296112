/**
 * The wire: every HTTP body and every WebSocket frame, as zod schemas that the server and the
 * browser import alike. Each domain's part is its own file under `wire/`; this module re-exports
 * them all and joins the domains' frames into the two unions a socket parses. `zod/mini` keeps the
 * visitor bundle small; the API is the same zod. What the visitor's first screen needs is in
 * `desk-protocol.ts`. Imports nothing from `src/server` or `src/web` (test/shared/boundary.test.ts).
 */
import * as z from 'zod/mini';
import { CALL_CLIENT_FRAMES, CALL_SERVER_FRAMES } from './wire/calls';
import { CONNECTION_CLIENT_FRAMES, CONNECTION_SERVER_FRAMES } from './wire/connection';
import { CONVERSATION_CLIENT_FRAMES, CONVERSATION_SERVER_FRAMES } from './wire/conversations';
import { INACTIVITY_CLIENT_FRAMES, INACTIVITY_SERVER_FRAMES } from './wire/inactivity';
import { NOTE_SERVER_FRAMES } from './wire/notes';
import { PARTICIPANT_SERVER_FRAMES } from './wire/participants';
import { ROUTING_CLIENT_FRAMES, ROUTING_SERVER_FRAMES } from './wire/routing';
import { SIGNAL_CLIENT_FRAMES, SIGNAL_SERVER_FRAMES } from './wire/signals';
import { TRANSLATION_SERVER_FRAMES } from './wire/translation';

export * from './desk-protocol';
export * from './wire/audit';
export * from './wire/auth';
export * from './wire/bookings';
export * from './wire/calls';
export * from './wire/blocks';
export * from './wire/canned';
export * from './wire/closing';
export * from './wire/common';
export * from './wire/connection';
export * from './wire/contract';
export * from './wire/conversations';
export * from './wire/files';
export * from './wire/health';
export * from './wire/inactivity';
export * from './wire/handoff';
export * from './wire/help';
export * from './wire/inbox';
export * from './wire/messages';
export * from './wire/notes';
export * from './wire/office';
export * from './wire/participants';
export * from './wire/proof-of-work';
export * from './wire/privacy';
export * from './wire/routing';
export * from './wire/schedule';
export * from './wire/signals';
export * from './wire/reports';
export * from './wire/staff';
export * from './wire/topics';
export * from './wire/translation';
export * from './wire/visitor-context';

export const clientFrameSchema = z.discriminatedUnion('type', [
  ...CONVERSATION_CLIENT_FRAMES,
  ...CONNECTION_CLIENT_FRAMES,
  ...CALL_CLIENT_FRAMES,
  ...ROUTING_CLIENT_FRAMES,
  ...SIGNAL_CLIENT_FRAMES,
  ...INACTIVITY_CLIENT_FRAMES,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  ...CONVERSATION_SERVER_FRAMES,
  ...CONNECTION_SERVER_FRAMES,
  ...CALL_SERVER_FRAMES,
  ...ROUTING_SERVER_FRAMES,
  ...SIGNAL_SERVER_FRAMES,
  ...NOTE_SERVER_FRAMES,
  ...PARTICIPANT_SERVER_FRAMES,
  ...TRANSLATION_SERVER_FRAMES,
  ...INACTIVITY_SERVER_FRAMES,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
