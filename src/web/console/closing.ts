import { CLOSING_NOTICE_MINUTES, type ScheduleStatus } from '../../shared/protocol';

/** How long before the last entry the console starts warning that the desk closes soon. */
export const WARNING_BEFORE_LAST_ENTRY_MS = 20 * 60_000;

export type ClosingWarning =
  | { kind: 'closing'; closesAt: string; lastEntryAt: string | null }
  | { kind: 'paused' }
  | null;

/**
 * What the console warns consultants about: the desk closing soon (from 20 minutes before new
 * conversations stop, through the last minutes), or a pause. Conversations in progress go on.
 */
export function closingWarning(schedule: ScheduleStatus | undefined, now: number): ClosingWarning {
  if (!schedule) return null;
  if (schedule.reason === 'paused') return { kind: 'paused' };
  if (!schedule.closesAt || (schedule.reason !== 'open' && schedule.reason !== 'last_entry')) return null;
  const closes = Date.parse(schedule.closesAt);
  if (now >= closes) return null;
  const lastEntry = schedule.lastEntryAt ? Date.parse(schedule.lastEntryAt) : closes;
  if (now < lastEntry - WARNING_BEFORE_LAST_ENTRY_MS) return null;
  const lastEntryAt = schedule.lastEntryAt && lastEntry < closes ? schedule.lastEntryAt : null;
  return { kind: 'closing', closesAt: schedule.closesAt, lastEntryAt };
}

/**
 * Waiting visitors (not booked calls) are being offered a left message or a booking because the
 * desk closes within CLOSING_NOTICE_MINUTES (src/server/closing): consultants see who is affected.
 */
export function closingOfferActive(schedule: ScheduleStatus | undefined, now: number): boolean {
  if (!schedule?.closesAt) return false;
  const closes = Date.parse(schedule.closesAt);
  return now < closes && closes - now <= CLOSING_NOTICE_MINUTES * 60_000;
}
