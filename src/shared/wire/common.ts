/** Pieces of the wire every domain uses: the ceiling of a text, ids, a staff member as others see them. */
import * as z from 'zod/mini';

/** Hard ceiling for a frame's text; the desk's own limit (config) is checked by the server. */
export const PROTOCOL_MAX_BODY_CHARS = 20_000;

/** Text a person writes for others to read (a message, an answer, a note): trimmed, never empty. */
export const writtenTextSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(PROTOCOL_MAX_BODY_CHARS));

/** An address mail is sent to; 254 is the longest a mail server accepts (RFC 5321). */
export const emailAddressSchema = z.email().check(z.maxLength(254));

export const clientIdSchema = z.uuid();
export const conversationIdSchema = z.uuid();

export const staffRefSchema = z.object({ id: z.uuid(), name: z.string() });
