import type { FastifyInstance } from 'fastify';
import { auditQuerySchema } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { requireStaff, signedInStaff } from '../auth/guard';
import { parseBody } from '../http';
import type { AuditLog } from './audit-log';

const PAGE_SIZE = 50;

export async function auditRoutes(app: FastifyInstance, options: { auth: AuthService; audit: AuditLog }): Promise<void> {
  app.get('/api/admin/audit', { preHandler: requireStaff(options.auth, 'admin') }, async (request) => {
    const query = parseBody(auditQuerySchema, request.query);
    return options.audit.page(signedInStaff(request).desk_id, { ...query, limit: PAGE_SIZE });
  });
}
