import type { FastifyInstance } from 'fastify';
import { VISITOR_CONTEXT_ROUTES } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { signedInActor } from '../auth/guard';
import { conversationIdOf } from '../http';
import type { VisitorContextService } from './service';

export async function visitorContextRoutes(
  app: FastifyInstance,
  options: { auth: AuthService; context: VisitorContextService },
): Promise<void> {
  serve(app, VISITOR_CONTEXT_ROUTES.get, { auth: options.auth }, async (_input, request) =>
    options.context.forConversation(signedInActor(request), conversationIdOf(request)),
  );
}
