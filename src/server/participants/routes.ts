/**
 * Staff-only HTTP routes for joining, leaving and handing over conversations, and the supervisor's
 * view. Every change is also announced live on the WebSocket (conversation.updated, message).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { conversationIdSchema, PARTICIPANT_ROUTES, type ConversationResponse } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { toSummary } from '../conversations/mappers';
import type { Conversation } from '../conversations/types';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { ParticipantService } from './service';
import type { StaffActor } from '../actor';

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
  const { desk, participants, auth } = options;
  const routes = PARTICIPANT_ROUTES;

  serve(app, routes.colleagues, { auth }, async (_input, request) => ({ colleagues: await participants.colleagues(actorOf(request)) }));

  serve(app, routes.transferNotes, { auth }, async (_input, request) => ({ notes: await participants.transferNotesFor(actorOf(request)) }));

  serve(app, routes.overview, { auth }, async (_input, request) => participants.overview(actorOf(request)));

  serve(app, routes.join, { auth }, async ({ body }, request) =>
    answer(await participants.joinOnRequest(actorOf(request), conversationIdOf(request), body.role)),
  );

  serve(app, routes.leave, { auth }, async (_input, request) => answer(await participants.leave(actorOf(request), conversationIdOf(request))));

  serve(app, routes.transfer, { auth }, async ({ body }, request) =>
    answer(await participants.transferToColleague(actorOf(request), conversationIdOf(request), body.to, body.note ?? '')),
  );

  serve(app, routes.returnToQueue, { auth }, async ({ body }, request) =>
    answer(await participants.transferToQueue(desk, actorOf(request), conversationIdOf(request), body)),
  );

  serve(app, routes.reassign, { auth }, async ({ body }, request) =>
    answer(await participants.reassign(actorOf(request), conversationIdOf(request), body.to)),
  );

  serve(app, routes.takeOver, { auth }, async (_input, request) => answer(await participants.takeOver(actorOf(request), conversationIdOf(request))));
}
