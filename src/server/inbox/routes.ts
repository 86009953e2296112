import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  INBOX_ROUTES,
  leaveMessageRequestSchema,
  MAX_LEFT_MESSAGE_FILES,
  PROTOCOL_MAX_BODY_CHARS,
  type LeaveMessageRequest,
  type StaffLeftMessage,
} from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { multipartError, serveFile } from '../files/routes';
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
  files: Pick<FileLimits, 'maxBytes'>;
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
  const staffView = async (row: StoredLeftMessage): Promise<StaffLeftMessage> => toStaffLeftMessage(row, await inbox.filesOf([row.id]), inbox.sendsEmail);

  const leaveLimit = { rateLimit: { max: options.leftPerHour, timeWindow: 60 * 60_000 } };
  serve(app, INBOX_ROUTES.leave, { config: leaveLimit }, async (_input, request) => {
    const form = await readLeaveForm(request);
    return inbox.leave(desk, form.message, form.files);
  });

  serve(app, INBOX_ROUTES.current, {}, async (_input, request, reply) => {
    void reply.header('cache-control', 'no-store');
    const row = await inbox.forVisitor(bearerToken(request));
    return toVisitorLeftMessage(row, await inbox.filesOf([row.id]), inbox.sendsEmail);
  });

  serve(app, INBOX_ROUTES.visitorFile, {}, async (_input, request, reply) => {
    return serveFile(reply, await inbox.fileForVisitor(bearerToken(request), request.params.fileId), 'original');
  });

  serve(app, INBOX_ROUTES.list, { auth }, async ({ query }) => {
    const rows = await inbox.list(desk.id, query.status);
    const files = await inbox.filesOf(rows.map((row) => row.id));
    return { messages: rows.map((row) => toStaffLeftMessage(row, files.filter((file) => file.left_message_id === row.id), inbox.sendsEmail)) };
  });

  serve(app, INBOX_ROUTES.get, { auth }, async (_input, request) => staffView(await inbox.get(desk.id, request.params.id)));

  serve(app, INBOX_ROUTES.file, { auth }, async (_input, request, reply) => {
    return serveFile(reply, await inbox.fileForStaff(desk.id, request.params.id, request.params.fileId), 'original');
  });

  serve(app, INBOX_ROUTES.answer, { auth }, async ({ body }, request) =>
    staffView(await inbox.answer(desk, signedInStaff(request), request.params.id, body.answer)),
  );

  serve(app, INBOX_ROUTES.close, { auth }, async (_input, request) => staffView(await inbox.close(desk.id, signedInStaff(request), request.params.id)));
}

/**
 * A message without files comes as JSON; with files as multipart/form-data: the `message` field
 * holding the same JSON, and the files, all read before anything is checked or stored.
 */
async function readLeaveForm(request: FastifyRequest): Promise<{ message: LeaveMessageRequest; files: AttachedFile[] }> {
  if (!request.isMultipart()) return { message: parseBody(leaveMessageRequestSchema, request.body), files: [] };
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
  return { message: parseBody(leaveMessageRequestSchema, message), files };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new AppError('validation_failed', 'message');
  }
}
