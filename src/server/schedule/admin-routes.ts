import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  isoDateSchema,
  pauseRequestSchema,
  scheduleExceptionRequestSchema,
  updateWeeklyHoursRequestSchema,
  type AdminSchedule,
} from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { parseBody } from '../http';
import type { ScheduleService } from './service';
import { formatTimeRanges } from './weekly-hours';

/**
 * The schedule in /admin: weekly hours and service period, dated exceptions, the pause. Stored in
 * the database and read on every status, so each change applies at once on every instance; each
 * is audited as 'schedule.changed'.
 */
export async function scheduleAdminRoutes(
  app: FastifyInstance,
  options: { auth: AuthService; audit: AuditLog; schedule: ScheduleService; lastEntryMinutes: number },
): Promise<void> {
  const { schedule, audit } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

  const recordChange = (request: FastifyRequest, change: string, detail: Record<string, unknown> = {}) => {
    const admin = signedInStaff(request);
    return audit.record({ deskId: admin.desk_id, actor: admin, action: 'schedule.changed', target: { type: 'schedule', id: change }, detail });
  };

  const current = async (deskId: string): Promise<AdminSchedule> => {
    const [status, weekly, pause, exceptions] = await Promise.all([
      schedule.status(deskId),
      schedule.weeklySettings(deskId),
      schedule.findPause(deskId),
      schedule.listExceptions(deskId),
    ]);
    return { timeZone: status.timeZone, ...weekly, hours: [...weekly.hours], lastEntryMinutes: options.lastEntryMinutes, pause, exceptions, status };
  };

  app.get('/api/admin/schedule', adminOnly, async (request) => current(signedInStaff(request).desk_id));

  app.put('/api/admin/schedule/hours', adminOnly, async (request) => {
    const deskId = signedInStaff(request).desk_id;
    const body = parseBody(updateWeeklyHoursRequestSchema, request.body);
    const saved = await schedule.updateWeeklySettings(deskId, body);
    await recordChange(request, 'weekly_hours', { hours: saved.hours.length, serviceStart: saved.serviceStart, serviceEnd: saved.serviceEnd });
    return current(deskId);
  });

  app.put<{ Params: { date: string } }>('/api/admin/schedule/exceptions/:date', adminOnly, async (request) => {
    const deskId = signedInStaff(request).desk_id;
    const date = parseBody(isoDateSchema, request.params.date);
    const body = parseBody(scheduleExceptionRequestSchema, request.body);
    const saved = await schedule.setException(deskId, date, body.hours.length ? formatTimeRanges(body.hours) : 'closed');
    await recordChange(request, 'exception', { date: saved.date, hours: saved.hours.length ? formatTimeRanges(saved.hours) : 'closed' });
    return current(deskId);
  });

  app.delete<{ Params: { date: string } }>('/api/admin/schedule/exceptions/:date', adminOnly, async (request) => {
    const deskId = signedInStaff(request).desk_id;
    const date = parseBody(isoDateSchema, request.params.date);
    if (await schedule.removeException(deskId, date)) await recordChange(request, 'exception', { date, removed: true });
    return current(deskId);
  });

  app.put('/api/admin/schedule/pause', adminOnly, async (request) => {
    const deskId = signedInStaff(request).desk_id;
    const body = parseBody(pauseRequestSchema, request.body);
    const pause = await schedule.pause(deskId, body.messages);
    await recordChange(request, 'pause', { paused: true, languages: Object.keys(pause.messages) });
    return current(deskId);
  });

  app.delete('/api/admin/schedule/pause', adminOnly, async (request) => {
    const deskId = signedInStaff(request).desk_id;
    if (await schedule.resume(deskId)) await recordChange(request, 'pause', { paused: false });
    return current(deskId);
  });
}
