import type { ScheduleStatus } from '../../src/shared/protocol';

/** The `schedule` of GET /api/desk as the browser gets it: closed outside hours, changed per test. */
export function scheduleStatusOf(change: Partial<ScheduleStatus> = {}): ScheduleStatus {
  return {
    open: false,
    reason: 'outside_hours',
    timeZone: 'Europe/Warsaw',
    hours: [],
    closesAt: null,
    lastEntryAt: null,
    lastEntryMinutes: 10,
    nextOpening: null,
    holiday: null,
    pauseMessage: null,
    serviceStart: null,
    serviceEnd: null,
    ...change,
  };
}
