/**
 * Staff-only HTTP routes for joining, leaving and handing over conversations, and the supervisor's
 * view. Every change is also announced live on the WebSocket (conversation.updated, message).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  conversationIdSchema,
  joinConversationRequestSchema,
  reassignRequestSchema,
  transferToColleagueRequestSchema,
  transferToQueueRequestSchema,
  type ColleaguesResponse,
  type ConversationResponse,
  type SupervisorOverview,
  type TransferNotesResponse,
} from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { toSummary } from '../conversations/mappers';
import type { Conversation } from '../conversations/types';
import type { StaffActor } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { parseBody } from '../http';
import type { ParticipantService } from './service';

export interface ParticipantRouteOptions {
  desk: Desk;
  auth: AuthService;
  participants: ParticipantService;
}

type WithId = { Params: { id: string } };

function actorOf(request: FastifyRequest): StaffActor {
  const staff = signedInStaff(request);
  return { kind: 'staff', id: staff.id, name: staff.name, deskId: staff.desk_id };
}

function conversationIdOf(request: FastifyRequest<WithId>): string {
  const parsed = conversationIdSchema.safeParse(request.params.id);
  if (!parsed.success) throw new AppError('conversation_not_found');
  return parsed.data;
}

const answer = (conversation: Conversation): ConversationResponse => ({ conversation: toSummary(conversation) });

export async function participantRoutes(app: FastifyInstance, options: ParticipantRouteOptions): Promise<void> {
  const { desk, participants } = options;
  const staffOnly = { preHandler: requireStaff(options.auth) };
  const supervisorsOnly = { preHandler: requireStaff(options.auth, 'supervisor') };

  app.get('/api/colleagues', staffOnly, async (request): Promise<ColleaguesResponse> => {
    return { colleagues: await participants.colleagues(actorOf(request)) };
  });

  app.get('/api/transfer-notes', staffOnly, async (request): Promise<TransferNotesResponse> => {
    return { notes: await participants.transferNotesFor(actorOf(request)) };
  });

  app.get('/api/supervisor/overview', supervisorsOnly, async (request): Promise<SupervisorOverview> => {
    return participants.overview(actorOf(request));
  });

  app.post<WithId>('/api/conversations/:id/participants', staffOnly, async (request) => {
    const { role } = parseBody(joinConversationRequestSchema, request.body);
    return answer(await participants.joinOnRequest(actorOf(request), conversationIdOf(request), role));
  });

  app.delete<WithId>('/api/conversations/:id/participants/me', staffOnly, async (request) => {
    return answer(await participants.leave(actorOf(request), conversationIdOf(request)));
  });

  app.post<WithId>('/api/conversations/:id/transfer', staffOnly, async (request) => {
    const { to, note } = parseBody(transferToColleagueRequestSchema, request.body);
    return answer(await participants.transferToColleague(actorOf(request), conversationIdOf(request), to, note ?? ''));
  });

  app.post<WithId>('/api/conversations/:id/return-to-queue', staffOnly, async (request) => {
    const target = parseBody(transferToQueueRequestSchema, request.body ?? {});
    return answer(await participants.transferToQueue(desk, actorOf(request), conversationIdOf(request), target));
  });

  app.post<WithId>('/api/conversations/:id/reassign', supervisorsOnly, async (request) => {
    const { to } = parseBody(reassignRequestSchema, request.body);
    return answer(await participants.reassign(actorOf(request), conversationIdOf(request), to));
  });

  app.post<WithId>('/api/conversations/:id/take-over', supervisorsOnly, async (request) => {
    return answer(await participants.takeOver(actorOf(request), conversationIdOf(request)));
  });
}
