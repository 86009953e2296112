/** Pieces of the wire every domain uses: the ceiling of a text, ids, a staff member as others see them. */
import * as z from 'zod/mini';

/** Hard ceiling for a frame's text; the desk's own limit (config) is checked by the server. */
export const PROTOCOL_MAX_BODY_CHARS = 20_000;

export const clientIdSchema = z.uuid();
export const conversationIdSchema = z.uuid();

export const staffRefSchema = z.object({ id: z.uuid(), name: z.string() });
