/** The routing settings for /admin: read and change (admins only; audited by the service). */
import type { FastifyInstance } from 'fastify';
import { routingSettingsPatchSchema, type RoutingSettings } from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { RoutingService } from './service';

export const ROUTING_SETTINGS_PATH = '/api/admin/routing';

export async function routingRoutes(app: FastifyInstance, options: { auth: AuthService; routing: RoutingService }): Promise<void> {
  const { auth, routing } = options;
  const admin = { preHandler: requireStaff(auth, 'admin') };

  app.get(ROUTING_SETTINGS_PATH, admin, async (request): Promise<RoutingSettings> => routing.settings(signedInStaff(request).desk_id));

  app.put(ROUTING_SETTINGS_PATH, admin, async (request): Promise<RoutingSettings> => {
    const patch = parseBody(routingSettingsPatchSchema, request.body);
    const staff = signedInStaff(request);
    return routing.updateSettings({ id: staff.id, name: staff.name, deskId: staff.desk_id }, patch);
  });
}
