import type { FastifyInstance } from 'fastify';
import { isoDateSchema, SCHEDULE_ROUTES, type AdminSchedule } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
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
  const { auth, schedule } = options;

  const current = async (deskId: string): Promise<AdminSchedule> => {
    const [status, weekly, pause, exceptions] = await Promise.all([
      schedule.status(deskId),
      schedule.weeklySettings(deskId),
      schedule.findPause(deskId),
      schedule.listExceptions(deskId),
    ]);
    return { timeZone: status.timeZone, ...weekly, hours: [...weekly.hours], lastEntryMinutes: options.lastEntryMinutes, pause, exceptions, status };
  };

  serve(app, SCHEDULE_ROUTES.get, { auth }, async (_input, request) => current(signedInStaff(request).desk_id));

  serve(app, SCHEDULE_ROUTES.saveHours, { auth }, async ({ body }, request) => {
    const admin = signedInStaff(request);
    await schedule.updateWeeklySettings(admin.desk_id, body, admin);
    return current(admin.desk_id);
  });

  serve(app, SCHEDULE_ROUTES.setException, { auth }, async ({ body }, request) => {
    const admin = signedInStaff(request);
    const date = parseBody(isoDateSchema, request.params.date);
    await schedule.setException(admin.desk_id, date, body.hours.length ? formatTimeRanges(body.hours) : 'closed', admin);
    return current(admin.desk_id);
  });

  serve(app, SCHEDULE_ROUTES.removeException, { auth }, async (_input, request) => {
    const admin = signedInStaff(request);
    const date = parseBody(isoDateSchema, request.params.date);
    await schedule.removeException(admin.desk_id, date, admin);
    return current(admin.desk_id);
  });

  serve(app, SCHEDULE_ROUTES.pause, { auth }, async ({ body }, request) => {
    const admin = signedInStaff(request);
    await schedule.pause(admin.desk_id, body.messages, admin);
    return current(admin.desk_id);
  });

  serve(app, SCHEDULE_ROUTES.resume, { auth }, async (_input, request) => {
    const admin = signedInStaff(request);
    await schedule.resume(admin.desk_id, admin);
    return current(admin.desk_id);
  });
}
