/**
 * Uploading and fetching files. The visitor's token travels in the Authorization header as for
 * every visitor request (the browser fetches thumbnails with it and shows them as blob URLs);
 * staff use their session cookie. Whatever the reason a file cannot be read (wrong id, someone
 * else's file, a name that is not an id) the answer is the same 404, so nothing is learnt.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conversationIdSchema, FILE_ROUTES, fileUploadFieldsSchema, type FileUploadResponse } from '../../shared/protocol';
import { signedInActor } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { toMessage } from '../conversations/mappers';
import { bearerToken } from '../conversations/routes';
import type { ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { parseBody } from '../http';
import type { RateLimiter } from '../rate-limit';
import { assertRoomForUpload } from './free-space';
import { contentDisposition } from './names';
import type { FileVariant } from './repository';
import type { FileService, UploadResult } from './service';
import type { Actor } from '../actor';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientNetwork } from '../client-address';

export interface FileRouteOptions {
  desk: Desk;
  auth: AuthService;
  conversations: ConversationService;
  files: FileService;
  /** The message limiter: a file counts as one message of its sender. */
  rateLimiter: RateLimiter;
}

/** Nothing in a served file may run or load anything, whatever a browser makes of it. */
const FILE_CSP = "default-src 'none'; sandbox";

export async function fileRoutes(app: FastifyInstance, options: FileRouteOptions): Promise<void> {
  const { desk, auth, conversations, files, rateLimiter } = options;
  await app.register(fastifyMultipart, {
    limits: { fileSize: files.limits.maxBytes, files: 1, fields: 2, fieldSize: 100, parts: 3, headerPairs: 20 },
  });

  const visitorConversation = async (request: FastifyRequest) => {
    const conversation = await conversations.findByToken(bearerToken(request));
    if (conversation.desk_id !== desk.id) throw new AppError('conversation_not_found');
    return conversation;
  };

  // Per address and day, so one client cannot fill the disk through many conversations.
  const visitorBytes = new RateLimiterMemory({ points: files.limits.bytesPerAddressPerDay, duration: 24 * 3600 });
  const countVisitorBytes = async (request: FastifyRequest, bytes: number) => {
    try {
      await visitorBytes.consume(clientNetwork(request.ip), bytes);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new AppError('upload_quota_exceeded');
      throw error;
    }
  };

  /** Reads the multipart body and stores the file, after the cheap refusals. */
  const receive = async (request: FastifyRequest, reply: FastifyReply, conversationId: string, actor: Actor) => {
    await rateLimiter.consume(actor.kind === 'staff' ? `staff:${actor.id}` : `visitor:${conversationId}`);
    await assertRoomForUpload(files.limits);
    const part = await request.file().catch(multipartError);
    if (!part) throw new AppError('validation_failed', 'file');
    const fields = parseBody(fileUploadFieldsSchema, { clientId: fieldValue(part.fields.clientId) });
    const earlier = await files.precheck(conversationId, actor, fields.clientId);
    if (earlier) {
      part.file.resume(); // the retried bytes are not needed: drain them
      return answer(reply, earlier);
    }
    const bytes = await part.toBuffer().catch(multipartError);
    if (actor.kind === 'visitor') await countVisitorBytes(request, bytes.length);
    const stored = await files.upload(desk, conversationId, actor, { clientId: fields.clientId, name: part.filename, bytes });
    return answer(reply, stored);
  };

  serve(app, FILE_ROUTES.visitorUpload, {}, async (_input, request, reply) => {
    const conversation = await visitorConversation(request);
    if (conversation.status === 'closed') throw new AppError('conversation_closed');
    return receive(request, reply, conversation.id, { kind: 'visitor', conversationId: conversation.id });
  });

  serve(app, FILE_ROUTES.staffUpload, { auth }, async (_input, request, reply) => {
    const actor = signedInActor(request);
    const conversationId = parseId(request.params.conversationId, 'conversation_not_found');
    const conversation = await conversations.findForStaff(actor, conversationId);
    if (conversation.status === 'closed') throw new AppError('conversation_closed');
    // Who may write in it (the assignee, or a staff member who joined) is decided where the message is stored.
    return receive(request, reply, conversationId, actor);
  });

  const downloads = [
    { variant: 'original', visitor: FILE_ROUTES.visitorFile, staff: FILE_ROUTES.staffFile },
    { variant: 'thumbnail', visitor: FILE_ROUTES.visitorThumbnail, staff: FILE_ROUTES.staffThumbnail },
  ] as const;
  for (const { variant, visitor, staff } of downloads) {
    serve(app, visitor, {}, async (_input, request, reply) => {
      const conversation = await visitorConversation(request);
      const file = await files.readForVisitor(conversation.id, parseId(request.params.fileId, 'file_not_found'), variant);
      return serveFile(reply, file, variant);
    });
    serve(app, staff, { auth }, async (_input, request, reply) => {
      const actor = signedInActor(request);
      const file = await files.readForStaff(actor.deskId, parseId(request.params.fileId, 'file_not_found'), variant);
      await conversations.findReadableForStaff(actor, file.conversation_id);
      return serveFile(reply, file, variant);
    });
  }
}

function answer(reply: FastifyReply, stored: UploadResult): FileUploadResponse {
  if ('pending' in stored) {
    void reply.status(202);
    return { pending: true };
  }
  void reply.status(stored.duplicate ? 200 : 201);
  return { message: toMessage(stored.message) };
}

/** Ids are UUIDs; anything else (a path, "..", an encoded slash) is not found without a query. */
function parseId(value: string, notFound: 'file_not_found' | 'conversation_not_found'): string {
  if (!conversationIdSchema.safeParse(value).success) throw new AppError(notFound);
  return value;
}

export function fieldValue(field: unknown): unknown {
  return field && typeof field === 'object' && 'value' in field ? field.value : undefined;
}

export function multipartError(error: unknown): never {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('file_too_large');
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('validation_failed', 'one file per request');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('validation_failed', 'multipart/form-data expected');
  if (error instanceof AppError) throw error;
  // Anything else the parser (busboy) throws — "Unexpected end of multipart data", a malformed part
  // header — means a body that is not the multipart it claims to be: bad input, not a fault.
  throw new AppError('validation_failed', 'malformed multipart body');
}

export function serveFile(reply: FastifyReply, file: { name: string; content_type: string; bytes: Buffer }, variant: FileVariant) {
  // A thumbnail is always a WebP picture and may be shown in place; the original is always a download.
  const thumbnail = variant === 'thumbnail';
  return reply
    .header('content-type', thumbnail ? 'image/webp' : file.content_type)
    .header('content-disposition', contentDisposition(thumbnail ? 'inline' : 'attachment', file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
