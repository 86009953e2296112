/** Files sent in a conversation (src/server/files). */
import * as z from 'zod/mini';
import { clientIdSchema } from './common';
import { messageSchema } from './messages';
import { defineRoute, FILE, MULTIPART } from './contract';

/**
 * A file upload is multipart/form-data: these fields, then one part `file`. The client id makes
 * a retried upload idempotent, as with message.send; it must come before the file.
 */
export const fileUploadFieldsSchema = z.object({ clientId: clientIdSchema });

/**
 * The answer to a file upload: the message that carries it, as an ack for the sender; or (202)
 * `pending` while the virus scanner cannot be reached — the message follows once the file is clean.
 */
export const fileUploadResponseSchema = z.union([z.object({ message: messageSchema }), z.object({ pending: z.literal(true) })]);
export type FileUploadResponse = z.infer<typeof fileUploadResponseSchema>;

/** Uploads answer 201, 200 with the stored message when the client id was uploaded before, or 202 while the file waits for the virus scanner. */
export const FILE_ROUTES = {
  visitorUpload: defineRoute({
    method: 'POST',
    path: '/api/conversations/current/files',
    auth: 'visitor-token',
    body: MULTIPART,
    response: fileUploadResponseSchema,
    status: 201,
  }),
  staffUpload: defineRoute({
    method: 'POST',
    path: '/api/staff/conversations/:conversationId/files',
    auth: 'staff',
    body: MULTIPART,
    response: fileUploadResponseSchema,
    status: 201,
  }),
  visitorFile: defineRoute({ method: 'GET', path: '/api/conversations/current/files/:fileId', auth: 'visitor-token', response: FILE }),
  visitorThumbnail: defineRoute({ method: 'GET', path: '/api/conversations/current/files/:fileId/thumbnail', auth: 'visitor-token', response: FILE }),
  staffFile: defineRoute({ method: 'GET', path: '/api/staff/files/:fileId', auth: 'staff', response: FILE }),
  staffThumbnail: defineRoute({ method: 'GET', path: '/api/staff/files/:fileId/thumbnail', auth: 'staff', response: FILE }),
};
