import type { FastifyInstance } from 'fastify';
import { CANNED_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { toCannedAnswer } from './mappers';
import type { CannedAnswerService } from './service';

export interface CannedRouteOptions {
  auth: AuthService;
  canned: CannedAnswerService;
}

export async function cannedRoutes(app: FastifyInstance, { auth, canned }: CannedRouteOptions): Promise<void> {
  serve(app, CANNED_ROUTES.list, { auth }, async ({ query }, request) => {
    const rows = await canned.list(signedInStaff(request), query);
    return { answers: rows.map(toCannedAnswer) };
  });

  serve(app, CANNED_ROUTES.create, { auth }, async ({ body }, request) => toCannedAnswer(await canned.create(signedInStaff(request), body)));

  serve(app, CANNED_ROUTES.update, { auth }, async ({ body }, request) =>
    toCannedAnswer(await canned.update(signedInStaff(request), request.params.id, body)),
  );

  serve(app, CANNED_ROUTES.remove, { auth }, async (_input, request) => {
    await canned.delete(signedInStaff(request), request.params.id);
  });
}
