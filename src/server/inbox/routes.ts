import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type * as z from 'zod/mini';
import {
  INBOX_ROUTES,
  leaveMessageRequestSchema,
  leftMessageReplyRequestSchema,
  MAX_LEFT_MESSAGE_FILES,
  PROTOCOL_MAX_BODY_CHARS,
  type StaffLeftMessage,
} from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { visitorClient, type BlockService } from '../blocks/service';
import type { Desk } from '../desks/desk';
import type { ProofOfWorkService } from '../proof-of-work/service';
import { AppError } from '../errors';
import { multipartError, serveFile } from '../files/routes';
import { assertRoomForUpload } from '../files/free-space';
import type { FileLimits } from '../files/service';
import { parseBody, tokenFromAuthorization } from '../http';
import { toStaffLeftMessage, toVisitorLeftMessage } from './mappers';
import type { StoredLeftMessage } from './types';
import type { AttachedFile, InboxService } from './service';

export interface InboxRouteOptions {
  desk: Desk;
  inbox: InboxService;
  auth: AuthService;
  /** Messages left per client IP per hour (each sends an e-mail). */
  leftPerHour: number;
  files: Pick<FileLimits, 'maxBytes' | 'minFreeBytes' | 'freeSpacePath'>;
  blocks: Pick<BlockService, 'assertNotBlocked'>;
  /** Past a per-address limit, a proof of work (src/server/proof-of-work). */
  proofOfWork: Pick<ProofOfWorkService, 'limit'>;
}

/** The private page's token. */
const bearerToken = (request: FastifyRequest): string => tokenFromAuthorization(request, 'left_message_not_found');

export async function inboxRoutes(app: FastifyInstance, options: InboxRouteOptions): Promise<void> {
  const { desk, inbox, auth } = options;
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: options.files.maxBytes,
      files: MAX_LEFT_MESSAGE_FILES,
      fields: 1,
      // The message's JSON: its text in the worst case of four UTF-8 bytes a character, and the rest.
      fieldSize: PROTOCOL_MAX_BODY_CHARS * 4 + 4096,
      headerPairs: 20,
    },
  });
  const staffView = async (row: StoredLeftMessage): Promise<StaffLeftMessage> => toStaffLeftMessage(await inbox.thread(row), inbox.sendsEmail);

  const leaveLimit = options.proofOfWork.limit(app, { scope: 'left-message', max: options.leftPerHour, timeWindowMs: 60 * 60_000 });
  serve(app, INBOX_ROUTES.leave, { onRequest: leaveLimit }, async (_input, request) => {
    await options.blocks.assertNotBlocked(desk.id, visitorClient(request));
    if (request.isMultipart()) await assertRoomForUpload(options.files);
    const form = await readForm(request, leaveMessageRequestSchema);
    return inbox.leave(desk, form.message, form.files);
  });

  // Counted with the messages left: each is a write with files, from anyone who has a link.
  serve(app, INBOX_ROUTES.reply, { onRequest: leaveLimit }, async (_input, request, reply) => {
    void reply.header('cache-control', 'no-store');
    if (request.isMultipart()) await assertRoomForUpload(options.files);
    const form = await readForm(request, leftMessageReplyRequestSchema);
    const row = await inbox.reply(desk, bearerToken(request), form.message.body, form.files);
    return toVisitorLeftMessage(await inbox.thread(row), inbox.sendsEmail);
  });

  serve(app, INBOX_ROUTES.current, {}, async (_input, request, reply) => {
    void reply.header('cache-control', 'no-store');
    return toVisitorLeftMessage(await inbox.thread(await inbox.forVisitor(bearerToken(request))), inbox.sendsEmail);
  });

  serve(app, INBOX_ROUTES.erase, {}, async (_input, request) => inbox.eraseByVisitor(bearerToken(request)));

  serve(app, INBOX_ROUTES.visitorFile, {}, async (_input, request, reply) => {
    return serveFile(reply, await inbox.fileForVisitor(bearerToken(request), request.params.fileId), 'original');
  });

  serve(app, INBOX_ROUTES.list, { auth }, async ({ query }, request) => {
    const threads = await inbox.threads(await inbox.list(signedInStaff(request), query.status));
    return { messages: threads.map((thread) => toStaffLeftMessage(thread, inbox.sendsEmail)) };
  });

  serve(app, INBOX_ROUTES.get, { auth }, async (_input, request) => staffView(await inbox.get(signedInStaff(request), request.params.id)));

  serve(app, INBOX_ROUTES.file, { auth }, async (_input, request, reply) => {
    return serveFile(reply, await inbox.fileForStaff(signedInStaff(request), request.params.id, request.params.fileId), 'original');
  });

  serve(app, INBOX_ROUTES.answer, { auth }, async ({ body }, request) =>
    staffView(await inbox.answer(desk, signedInStaff(request), request.params.id, body.answer)),
  );

  serve(app, INBOX_ROUTES.close, { auth }, async (_input, request) => staffView(await inbox.close(signedInStaff(request), request.params.id)));
}

/**
 * A message (or a reply) without files comes as JSON; with files as multipart/form-data: the
 * `message` field holding the same JSON, and the files, all read before anything is checked or stored.
 */
async function readForm<Schema extends z.ZodMiniType>(request: FastifyRequest, schema: Schema): Promise<{ message: z.infer<Schema>; files: AttachedFile[] }> {
  if (!request.isMultipart()) return { message: parseBody(schema, request.body), files: [] };
  let message: unknown;
  const files: AttachedFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ name: part.filename, bytes: await part.toBuffer() });
      else if (part.fieldname === 'message') message = parseJson(part.value);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw new AppError('too_many_left_message_files');
    multipartError(error);
  }
  return { message: parseBody(schema, message), files };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new AppError('validation_failed', 'message');
  }
}
