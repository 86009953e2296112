import type { FastifyInstance } from 'fastify';
import { SATISFACTION_ROUTES } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { tokenFromAuthorization } from '../http';
import type { SatisfactionService } from './service';

export interface SatisfactionRouteOptions {
  desk: Desk;
  satisfaction: SatisfactionService;
  auth: AuthService;
}

export async function satisfactionRoutes(app: FastifyInstance, { desk, satisfaction, auth }: SatisfactionRouteOptions): Promise<void> {
  serve(app, SATISFACTION_ROUTES.rateConversation, {}, async ({ body }, request) => {
    await satisfaction.rateConversation(tokenFromAuthorization(request, 'conversation_not_found'), body);
  });

  serve(app, SATISFACTION_ROUTES.rateLeftMessage, {}, async ({ body }, request) => {
    await satisfaction.rateLeftMessage(tokenFromAuthorization(request, 'left_message_not_found'), body);
  });

  serve(app, SATISFACTION_ROUTES.comments, { auth }, async ({ query }) => ({
    comments: await satisfaction.comments(desk.id, query.from, query.to),
  }));
}
