import type { FastifyInstance } from 'fastify';
import { FIGURES, REPORT_ROUTES, type Figure } from '../../shared/protocol';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { StaffService } from '../staff/service';
import type { ReportService } from './service';

export interface ReportRouteOptions {
  desk: Desk;
  reports: ReportService;
  auth: AuthService;
  staff: Pick<StaffService, 'list'>;
  /** Closed-page visits per client IP per minute (as conversation starts). */
  visitsPerMinute: number;
}

function figureOf(name: string): Figure {
  if (!(FIGURES as readonly string[]).includes(name)) throw new AppError('not_found');
  return name as Figure;
}

export async function reportRoutes(app: FastifyInstance, { desk, reports, auth, staff, visitsPerMinute }: ReportRouteOptions): Promise<void> {
  const staffNames = async () => new Map((await staff.list(desk.id)).map((member) => [member.id, member.name]));

  serve(app, REPORT_ROUTES.report, { auth }, async ({ query }) => {
    if (query.from > query.to) throw new AppError('validation_failed', 'from is after to');
    return reports.report(desk.id, query, await staffNames());
  });

  serve(app, REPORT_ROUTES.exportCsv, { auth }, async ({ query }, request, reply) => {
    const figure = figureOf(request.params.figure);
    if (query.from > query.to) throw new AppError('validation_failed', 'from is after to');
    const csv = await reports.csv(desk.id, query, figure, await staffNames());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="e-konsultant-${figure}-${query.from}-${query.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });

  serve(app, REPORT_ROUTES.live, { auth }, async () => reports.liveFigures(desk.id));

  const visitLimit = { rateLimit: { max: visitsPerMinute, timeWindow: 60_000 } };
  serve(app, REPORT_ROUTES.closedVisit, { config: visitLimit }, async ({ body }) => {
    if (!desk.languages.includes(body.language)) throw new AppError('validation_failed', 'language');
    return reports.closedVisit(desk.id, body);
  });
}
