import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  answerLeftMessageRequestSchema,
  inboxQuerySchema,
  leaveMessageRequestSchema,
  type InboxList,
  type LeaveMessageResponse,
  type StaffLeftMessage,
  type VisitorLeftMessage,
} from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { parseBody } from '../http';
import { toStaffLeftMessage, toVisitorLeftMessage } from './mappers';
import type { InboxService } from './service';

export interface InboxRouteOptions {
  desk: Desk;
  inbox: InboxService;
  auth: AuthService;
  /** Messages left per client IP per hour (each sends an e-mail). */
  leftPerHour: number;
}

/** The private page's token travels in the Authorization header, never in a URL that gets logged. */
function bearerToken(request: FastifyRequest): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw new AppError('left_message_not_found');
  return match[1];
}

export async function inboxRoutes(app: FastifyInstance, options: InboxRouteOptions): Promise<void> {
  const { desk, inbox } = options;
  const staffOnly = { preHandler: requireStaff(options.auth) };

  app.post(
    '/api/left-messages',
    { config: { rateLimit: { max: options.leftPerHour, timeWindow: 60 * 60_000 } } },
    async (request, reply): Promise<LeaveMessageResponse> => {
      const receipt = await inbox.leave(desk, parseBody(leaveMessageRequestSchema, request.body));
      void reply.status(201);
      return receipt;
    },
  );

  app.get('/api/left-messages/current', async (request, reply): Promise<VisitorLeftMessage> => {
    void reply.header('cache-control', 'no-store');
    return toVisitorLeftMessage(await inbox.forVisitor(bearerToken(request)));
  });

  app.get('/api/inbox', staffOnly, async (request): Promise<InboxList> => {
    const { status } = parseBody(inboxQuerySchema, request.query);
    const rows = await inbox.list(desk.id, status);
    return { messages: rows.map(toStaffLeftMessage) };
  });

  app.get<{ Params: { id: string } }>('/api/inbox/:id', staffOnly, async (request): Promise<StaffLeftMessage> => {
    return toStaffLeftMessage(await inbox.get(desk.id, request.params.id));
  });

  app.post<{ Params: { id: string } }>('/api/inbox/:id/answer', staffOnly, async (request): Promise<StaffLeftMessage> => {
    const { answer } = parseBody(answerLeftMessageRequestSchema, request.body);
    return toStaffLeftMessage(await inbox.answer(desk, signedInStaff(request), request.params.id, answer));
  });

  app.post<{ Params: { id: string } }>('/api/inbox/:id/close', staffOnly, async (request): Promise<StaffLeftMessage> => {
    return toStaffLeftMessage(await inbox.close(desk.id, signedInStaff(request), request.params.id));
  });
}
