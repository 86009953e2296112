import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { STAFF_ADMIN_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { parseBody } from '../http';
import type { StaffService } from './service';

const staffIdSchema = z.uuid();

/** Staff accounts in /admin (role admin); the service audits every change. */
export async function staffAdminRoutes(app: FastifyInstance, options: { auth: AuthService; staff: StaffService }): Promise<void> {
  const { auth, staff } = options;

  serve(app, STAFF_ADMIN_ROUTES.list, { auth }, async (_input, request) => ({ staff: await staff.list(signedInStaff(request).desk_id) }));

  serve(app, STAFF_ADMIN_ROUTES.create, { auth }, async ({ body }, request) => ({ account: await staff.create(signedInStaff(request), body) }));

  serve(app, STAFF_ADMIN_ROUTES.update, { auth }, async ({ body }, request) => {
    const id = parseBody(staffIdSchema, request.params.id);
    return { account: await staff.update(signedInStaff(request), id, body) };
  });

  serve(app, STAFF_ADMIN_ROUTES.resetPassword, { auth }, async ({ body }, request) => {
    const id = parseBody(staffIdSchema, request.params.id);
    await staff.resetPassword(signedInStaff(request), id, body.password);
  });
}
