/**
 * Staff-only HTTP routes for joining, leaving and handing over conversations, and the supervisor's
 * view. Every change is also announced live on the WebSocket (conversation.updated, message).
 */
import type { FastifyInstance } from 'fastify';
import { PARTICIPANT_ROUTES, type ConversationResponse } from '../../shared/protocol';
import { signedInActor } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { toSummary } from '../conversations/mappers';
import type { Conversation } from '../conversations/types';
import type { Desk } from '../desks/desk';
import { conversationIdOf } from '../http';
import type { ParticipantService } from './service';

export interface ParticipantRouteOptions {
  desk: Desk;
  auth: AuthService;
  participants: ParticipantService;
}

const answer = (conversation: Conversation): ConversationResponse => ({ conversation: toSummary(conversation) });

export async function participantRoutes(app: FastifyInstance, options: ParticipantRouteOptions): Promise<void> {
  const { desk, participants, auth } = options;
  const routes = PARTICIPANT_ROUTES;

  serve(app, routes.colleagues, { auth }, async (_input, request) => ({ colleagues: await participants.colleagues(signedInActor(request)) }));

  serve(app, routes.transferNotes, { auth }, async (_input, request) => ({ notes: await participants.transferNotesFor(signedInActor(request)) }));

  serve(app, routes.overview, { auth }, async (_input, request) => participants.overview(signedInActor(request)));

  serve(app, routes.join, { auth }, async ({ body }, request) =>
    answer(await participants.joinOnRequest(signedInActor(request), conversationIdOf(request), body.role)),
  );

  serve(app, routes.leave, { auth }, async (_input, request) => answer(await participants.leave(signedInActor(request), conversationIdOf(request))));

  serve(app, routes.transfer, { auth }, async ({ body }, request) =>
    answer(await participants.transferToColleague(signedInActor(request), conversationIdOf(request), body.to, body.note ?? '')),
  );

  serve(app, routes.returnToQueue, { auth }, async ({ body }, request) =>
    answer(await participants.transferToQueue(desk, signedInActor(request), conversationIdOf(request), body)),
  );

  serve(app, routes.reassign, { auth }, async ({ body }, request) =>
    answer(await participants.reassign(signedInActor(request), conversationIdOf(request), body.to)),
  );

  serve(app, routes.takeOver, { auth }, async (_input, request) => answer(await participants.takeOver(signedInActor(request), conversationIdOf(request))));
}
