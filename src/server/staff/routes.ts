import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { createStaffRequestSchema, resetPasswordRequestSchema, updateStaffRequestSchema } from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { StaffService } from './service';

const staffIdSchema = z.uuid();

/** Staff accounts in /admin (role admin); the service audits every change. */
export async function staffAdminRoutes(app: FastifyInstance, options: { auth: AuthService; staff: StaffService }): Promise<void> {
  const { staff } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

  app.get('/api/admin/staff', adminOnly, async (request) => ({ staff: await staff.list(signedInStaff(request).desk_id) }));

  app.post('/api/admin/staff', adminOnly, async (request, reply) => {
    const admin = signedInStaff(request);
    const body = parseBody(createStaffRequestSchema, request.body);
    const account = await staff.create(admin, body);
    return reply.status(201).send({ account });
  });

  app.patch<{ Params: { id: string } }>('/api/admin/staff/:id', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    const id = parseBody(staffIdSchema, request.params.id);
    const body = parseBody(updateStaffRequestSchema, request.body);
    return { account: await staff.update(admin, id, body) };
  });

  app.post<{ Params: { id: string } }>('/api/admin/staff/:id/password', adminOnly, async (request, reply) => {
    const admin = signedInStaff(request);
    const id = parseBody(staffIdSchema, request.params.id);
    const body = parseBody(resetPasswordRequestSchema, request.body);
    await staff.resetPassword(admin, id, body.password);
    return reply.status(204).send();
  });
}
