/** The routing settings for /admin: read and change (admins only; audited by the service). */
import type { FastifyInstance } from 'fastify';
import { ROUTING_SETTINGS_ROUTES } from '../../shared/protocol';
import { signedInActor, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { RoutingService } from './service';

export async function routingRoutes(app: FastifyInstance, options: { auth: AuthService; routing: RoutingService }): Promise<void> {
  const { auth, routing } = options;

  serve(app, ROUTING_SETTINGS_ROUTES.get, { auth }, async (_input, request) => routing.settings(signedInStaff(request).desk_id));

  serve(app, ROUTING_SETTINGS_ROUTES.update, { auth }, async ({ body }, request) => {
    return routing.updateSettings(signedInActor(request), body);
  });
}
