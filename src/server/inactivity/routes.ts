/** The inactivity thresholds for /admin: read and change (admins only; audited by the service). */
import type { FastifyInstance } from 'fastify';
import { INACTIVITY_SETTINGS_ROUTES } from '../../shared/protocol';
import { signedInActor, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { InactivityService } from './service';

export async function inactivityRoutes(app: FastifyInstance, options: { auth: AuthService; inactivity: InactivityService }): Promise<void> {
  const { auth, inactivity } = options;
  serve(app, INACTIVITY_SETTINGS_ROUTES.get, { auth }, async (_input, request) => inactivity.settings(signedInStaff(request).desk_id));
  serve(app, INACTIVITY_SETTINGS_ROUTES.update, { auth }, async ({ body }, request) => inactivity.updateSettings(signedInActor(request), body));
}
