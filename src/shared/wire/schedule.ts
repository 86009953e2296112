/** Opening hours, exceptions and pauses as /admin edits them (src/server/schedule). */
import * as z from 'zod/mini';
import { languageSchema, scheduleStatusSchema, weeklyIntervalSchema } from '../desk-protocol';
import { defineRoute } from './contract';

export const isoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** A wall-clock time in the office's time zone, HH:MM; 24:00 ends the day. */
const wallTimeSchema = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/));
const timeRangeSchema = z.object({ start: wallTimeSchema, end: wallTimeSchema });
export type TimeRangeWire = z.infer<typeof timeRangeSchema>;
const scheduleExceptionSchema = z.object({ date: isoDateSchema, hours: z.array(timeRangeSchema) });

/** Everything /admin shows and edits of the schedule, with the status it gives now. */
const adminScheduleSchema = z.object({
  timeZone: z.string(),
  hours: z.array(weeklyIntervalSchema),
  serviceStart: z.nullable(isoDateSchema),
  serviceEnd: z.nullable(isoDateSchema),
  lastEntryMinutes: z.int(),
  pause: z.nullable(z.object({ messages: z.partialRecord(languageSchema, z.string()), since: z.iso.datetime() })),
  /** From today on, by date. */
  exceptions: z.array(scheduleExceptionSchema),
  status: scheduleStatusSchema,
});
export type AdminSchedule = z.infer<typeof adminScheduleSchema>;

const updateWeeklyHoursRequestSchema = z.object({
  hours: z.array(z.extend(weeklyIntervalSchema, timeRangeSchema.shape)).check(z.maxLength(70)),
  serviceStart: z.nullable(isoDateSchema),
  serviceEnd: z.nullable(isoDateSchema),
});
/** A day's special hours; empty: closed all day. */
const scheduleExceptionRequestSchema = z.object({ hours: z.array(timeRangeSchema).check(z.maxLength(12)) });
const pauseRequestSchema = z.object({ messages: z.partialRecord(languageSchema, z.string()) });

/** The schedule in /admin; every change answers with the whole schedule as it is now. */
export const SCHEDULE_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/admin/schedule', auth: 'admin', response: adminScheduleSchema }),
  saveHours: defineRoute({ method: 'PUT', path: '/api/admin/schedule/hours', auth: 'admin', body: updateWeeklyHoursRequestSchema, response: adminScheduleSchema }),
  setException: defineRoute({
    method: 'PUT',
    path: '/api/admin/schedule/exceptions/:date',
    auth: 'admin',
    body: scheduleExceptionRequestSchema,
    response: adminScheduleSchema,
  }),
  removeException: defineRoute({ method: 'DELETE', path: '/api/admin/schedule/exceptions/:date', auth: 'admin', response: adminScheduleSchema }),
  pause: defineRoute({ method: 'PUT', path: '/api/admin/schedule/pause', auth: 'admin', body: pauseRequestSchema, response: adminScheduleSchema }),
  resume: defineRoute({ method: 'DELETE', path: '/api/admin/schedule/pause', auth: 'admin', response: adminScheduleSchema }),
};
