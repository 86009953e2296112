/**
 * The HTTP edge: request bodies parsed with the shared zod schemas, and every error answered as
 * application/problem+json with a stable code. Unknown errors are logged with the request id and
 * answered with a generic message.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type * as z from 'zod/mini';
import type { ErrorCode } from '../shared/errors';
import { conversationIdSchema, type Problem } from '../shared/protocol';
import { cleanStrings } from '../shared/text';
import { BUSY_RETRY_MS, type AdmissionGate } from './admission';
import { AppError, isOverload, type ProblemExtension } from './errors';

/** Input is cleaned by the shared text rule (src/shared/text.ts) before its schema reads it. */
export function parseBody<T extends z.ZodMiniType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(cleanStrings(body));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
    throw new AppError('validation_failed', [...new Set(fields)].join(', '));
  }
  return parsed.data;
}

/**
 * A visitor's private token (a conversation's, a booking's, a left message's). It travels in the
 * Authorization header, never in a URL that gets logged; `missing` is the answer without one.
 */
/** A malformed id cannot name a conversation; PostgreSQL would compare it fine, but say so early. */
export function conversationIdOf(request: { params: { id: string } }): string {
  if (!conversationIdSchema.safeParse(request.params.id).success) throw new AppError('conversation_not_found');
  return request.params.id;
}

export function tokenFromAuthorization(request: FastifyRequest, missing: ErrorCode): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw new AppError(missing);
  return match[1];
}

function problem(error: AppError, request: FastifyRequest): Problem & Partial<ProblemExtension> {
  return {
    type: `about:blank#${error.code}`,
    title: error.code.replace(/_/g, ' '),
    status: error.status,
    code: error.code,
    ...(error.detail && { detail: error.detail }),
    ...error.extension,
    correlationId: request.id,
  };
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (isOverload(error)) return new AppError('busy');
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return new AppError('bad_json');
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('message_too_long');
  if (error.statusCode === 429) return new AppError('rate_limited');
  // PostgreSQL's class 22 (data exception: a NUL in a URL parameter, say) is bad input, not our fault.
  if (typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code)) return new AppError('validation_failed');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('validation_failed');
  return new AppError('internal_error');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
    if (appError.code === 'busy') void reply.header('retry-after', String(Math.ceil(BUSY_RETRY_MS / 1000)));
    void reply.status(appError.status).type('application/problem+json').send(problem(appError, request));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).type('application/problem+json').send(problem(new AppError('not_found'), request));
  });
}

/** API requests count against the instance's bound on database work; past it they are answered 503 `busy` at once. */
export function installAdmission(app: FastifyInstance, admission: AdmissionGate): void {
  const releases = new WeakMap<FastifyRequest, () => void>();
  const release = async (request: FastifyRequest) => releases.get(request)?.();
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) releases.set(request, admission.admit());
  });
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
