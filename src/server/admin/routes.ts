import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { createStaffRequestSchema, resetPasswordRequestSchema, updateStaffRequestSchema } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { StaffAdminService } from './service';

const staffIdSchema = z.uuid();

/** Staff accounts in /admin (role admin); every change is audited, never with a password. */
export async function staffAdminRoutes(app: FastifyInstance, options: { auth: AuthService; audit: AuditLog; staff: StaffAdminService }): Promise<void> {
  const { staff, audit } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

  app.get('/api/admin/staff', adminOnly, async (request) => ({ staff: await staff.list(signedInStaff(request).desk_id) }));

  app.post('/api/admin/staff', adminOnly, async (request, reply) => {
    const admin = signedInStaff(request);
    const body = parseBody(createStaffRequestSchema, request.body);
    const account = await staff.create(admin.desk_id, body);
    await audit.record({
      deskId: admin.desk_id,
      actor: admin,
      action: 'staff.created',
      target: { type: 'staff', id: account.id },
      detail: { role: account.role, languages: account.languages },
    });
    return reply.status(201).send({ account });
  });

  app.patch<{ Params: { id: string } }>('/api/admin/staff/:id', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    const id = parseBody(staffIdSchema, request.params.id);
    const body = parseBody(updateStaffRequestSchema, request.body);
    const { account, changed } = await staff.update(admin, id, body);
    const target = { type: 'staff', id };
    if (changed.includes('active') && !account.active) {
      await audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.deactivated', target });
    }
    const fields = changed.filter((field) => field !== 'active' || account.active);
    if (fields.length) await audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.updated', target, detail: { fields } });
    return { account };
  });

  app.post<{ Params: { id: string } }>('/api/admin/staff/:id/password', adminOnly, async (request, reply) => {
    const admin = signedInStaff(request);
    const id = parseBody(staffIdSchema, request.params.id);
    const body = parseBody(resetPasswordRequestSchema, request.body);
    await staff.resetPassword(admin.desk_id, id, body.password);
    await audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.password_reset', target: { type: 'staff', id } });
    return reply.status(204).send();
  });
}
