import type { FastifyInstance } from 'fastify';
import type { VisitorContext } from '../../shared/protocol';
import { requireStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { conversationIdOf, staffActorOf } from '../notes/routes';
import type { VisitorContextService } from './service';

export async function visitorContextRoutes(
  app: FastifyInstance,
  options: { auth: AuthService; context: VisitorContextService },
): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/conversations/:id/context',
    { preHandler: requireStaff(options.auth) },
    async (request): Promise<VisitorContext> => options.context.forConversation(staffActorOf(request), conversationIdOf(request)),
  );
}
