import type { FastifyInstance } from 'fastify';
import {
  isoDateSchema,
  pauseRequestSchema,
  scheduleExceptionRequestSchema,
  updateWeeklyHoursRequestSchema,
  type AdminSchedule,
} from '../../shared/protocol';
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
  options: { auth: AuthService; schedule: ScheduleService; lastEntryMinutes: number },
): Promise<void> {
  const { schedule } = options;
  const adminOnly = { preHandler: requireStaff(options.auth, 'admin') };

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
    const admin = signedInStaff(request);
    const body = parseBody(updateWeeklyHoursRequestSchema, request.body);
    await schedule.updateWeeklySettings(admin.desk_id, body, admin);
    return current(admin.desk_id);
  });

  app.put<{ Params: { date: string } }>('/api/admin/schedule/exceptions/:date', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    const date = parseBody(isoDateSchema, request.params.date);
    const body = parseBody(scheduleExceptionRequestSchema, request.body);
    await schedule.setException(admin.desk_id, date, body.hours.length ? formatTimeRanges(body.hours) : 'closed', admin);
    return current(admin.desk_id);
  });

  app.delete<{ Params: { date: string } }>('/api/admin/schedule/exceptions/:date', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    const date = parseBody(isoDateSchema, request.params.date);
    await schedule.removeException(admin.desk_id, date, admin);
    return current(admin.desk_id);
  });

  app.put('/api/admin/schedule/pause', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    const body = parseBody(pauseRequestSchema, request.body);
    await schedule.pause(admin.desk_id, body.messages, admin);
    return current(admin.desk_id);
  });

  app.delete('/api/admin/schedule/pause', adminOnly, async (request) => {
    const admin = signedInStaff(request);
    await schedule.resume(admin.desk_id, admin);
    return current(admin.desk_id);
  });
}
