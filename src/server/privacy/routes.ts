import type { FastifyInstance } from 'fastify';
import { PRIVACY_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { PrivacyService } from './service';

export async function privacyRoutes(app: FastifyInstance, options: { auth: AuthService; privacy: PrivacyService }): Promise<void> {
  const { auth, privacy } = options;
  serve(app, PRIVACY_ROUTES.find, { auth }, async ({ body }, request) => privacy.find(signedInStaff(request), body.key));

  serve(app, PRIVACY_ROUTES.export, { auth }, async ({ body }, request, reply) => {
    const json = await privacy.export(signedInStaff(request), body.key);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="personal-data.json"')
      .header('cache-control', 'no-store')
      .send(json);
  });

  serve(app, PRIVACY_ROUTES.erase, { auth }, async ({ body }, request) => privacy.erase(signedInStaff(request), body.key));

  serve(app, PRIVACY_ROUTES.redact, { auth }, async (_input, request) => privacy.redact(signedInStaff(request), request.params.id, Number(request.params.seq)));
}
