import type { FastifyInstance } from 'fastify';
import { AUDIT_ROUTES } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { signedInStaff } from '../auth/guard';
import { serve } from '../contracts';
import type { AuditLog } from './audit-log';

const PAGE_SIZE = 50;

export async function auditRoutes(app: FastifyInstance, options: { auth: AuthService; audit: AuditLog }): Promise<void> {
  serve(app, AUDIT_ROUTES.page, { auth: options.auth }, async ({ query }, request) =>
    options.audit.page(signedInStaff(request).desk_id, { ...query, limit: PAGE_SIZE }),
  );
}
