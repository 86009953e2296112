/** Files sent in a conversation (src/server/files). */
import * as z from 'zod/mini';
import { clientIdSchema } from './common';
import { messageSchema } from './messages';

/**
 * A file upload is multipart/form-data: these fields, then one part `file`. The client id makes
 * a retried upload idempotent, as with message.send; it must come before the file.
 */
export const fileUploadFieldsSchema = z.object({ clientId: clientIdSchema });

/** The answer to a file upload: the message that carries it, as an ack for the sender. */
export const fileUploadResponseSchema = z.object({ message: messageSchema });
export type FileUploadResponse = z.infer<typeof fileUploadResponseSchema>;
