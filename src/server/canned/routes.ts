import type { FastifyInstance } from 'fastify';
import {
  cannedAnswerQuerySchema,
  cannedAnswerRequestSchema,
  cannedAnswerUpdateSchema,
  type CannedAnswer,
  type CannedAnswerList,
} from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import { toCannedAnswer } from './mappers';
import type { CannedAnswerService } from './service';

export interface CannedRouteOptions {
  auth: AuthService;
  canned: CannedAnswerService;
}

type ById = { Params: { id: string } };

export async function cannedRoutes(app: FastifyInstance, { auth, canned }: CannedRouteOptions): Promise<void> {
  const staffOnly = { preHandler: requireStaff(auth) };

  app.get('/api/canned-answers', staffOnly, async (request): Promise<CannedAnswerList> => {
    const filter = parseBody(cannedAnswerQuerySchema, request.query);
    const rows = await canned.list(signedInStaff(request), filter);
    return { answers: rows.map(toCannedAnswer) };
  });

  app.post('/api/canned-answers', staffOnly, async (request, reply): Promise<CannedAnswer> => {
    const row = await canned.create(signedInStaff(request), parseBody(cannedAnswerRequestSchema, request.body));
    void reply.status(201);
    return toCannedAnswer(row);
  });

  app.put<ById>('/api/canned-answers/:id', staffOnly, async (request): Promise<CannedAnswer> => {
    const change = parseBody(cannedAnswerUpdateSchema, request.body);
    return toCannedAnswer(await canned.update(signedInStaff(request), request.params.id, change));
  });

  app.delete<ById>('/api/canned-answers/:id', staffOnly, async (request, reply) => {
    await canned.delete(signedInStaff(request), request.params.id);
    return reply.status(204).send();
  });
}
