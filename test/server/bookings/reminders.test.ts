/**
 * When a booking's reminders and the missed-call follow-up are due: the windows' edges, the day
 * before across a change of clocks, and bookings made, moved or cancelled around a reminder's time.
 */
import { describe, expect, it } from 'vitest';
import { dayReminderAt, dueReminder, hourReminderAt, type RemindableBooking } from '../../../src/server/bookings/reminders';

/** Monday 30 March 2026, 11:00 in Warsaw (summer time since Sunday 02:00). */
const STARTS = '2026-03-30T09:00:00.000Z';
const ENDS = '2026-03-30T09:20:00.000Z';

const booking = (overrides: Partial<RemindableBooking> = {}): RemindableBooking => ({
  status: 'booked',
  starts_at: STARTS,
  ends_at: ENDS,
  visitor_time_zone: 'Europe/Warsaw',
  updated_at: '2026-03-20T09:00:00.000Z',
  conversation_id: null,
  reminded_day_at: null,
  reminded_hour_at: null,
  followed_up_at: null,
  ...overrides,
});
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

describe('booking reminders', () => {
  it('reminds the day before at the same time of day in the visitor’s zone: 23 hours across the spring change of clocks, 25 across the autumn one', () => {
    // Sunday 29 March 11:00 in Warsaw was still winter time on Saturday: Saturday 28 March 11:00 CET = 10:00 UTC.
    expect(dayReminderAt(booking({ starts_at: '2026-03-29T09:00:00.000Z', ends_at: '2026-03-29T09:20:00.000Z' }))).toBe(ms('2026-03-28T10:00:00.000Z'));
    // Monday 30 March 11:00 CEST: Sunday 11:00 CEST, 24 hours.
    expect(dayReminderAt(booking())).toBe(ms('2026-03-29T09:00:00.000Z'));
    // Sunday 25 October 11:00 CET (clocks went back that night): Saturday 11:00 CEST = 09:00 UTC, 25 hours before 10:00 UTC.
    expect(dayReminderAt(booking({ starts_at: '2026-10-25T10:00:00.000Z' }))).toBe(ms('2026-10-24T09:00:00.000Z'));
    // The visitor's zone decides, not the office's: New York changed clocks on 8 March.
    expect(dayReminderAt(booking({ starts_at: '2026-03-08T15:00:00.000Z', visitor_time_zone: 'America/New_York' }))).toBe(ms('2026-03-07T16:00:00.000Z'));
  });

  it('is due the day before from its time until the hour-before reminder, then the hour before until the call starts', () => {
    expect(dueReminder(booking(), at('2026-03-29T08:59:59.999Z'))).toBeNull();
    expect(dueReminder(booking(), at('2026-03-29T09:00:00.000Z'))).toBe('day');
    expect(dueReminder(booking(), at('2026-03-30T07:59:59.999Z'))).toBe('day');
    expect(hourReminderAt(booking())).toBe(ms('2026-03-30T08:00:00.000Z'));
    expect(dueReminder(booking(), at('2026-03-30T08:00:00.000Z'))).toBe('hour');
    expect(dueReminder(booking(), at('2026-03-30T08:59:59.999Z'))).toBe('hour');
    // Once the call has started, "in an hour" would be untrue; a sweep that was late sends nothing.
    expect(dueReminder(booking(), at(STARTS))).toBeNull();
  });

  it('sends each reminder once: a claimed one is not due again', () => {
    expect(dueReminder(booking({ reminded_day_at: '2026-03-29T09:00:05.000Z' }), at('2026-03-29T10:00:00.000Z'))).toBeNull();
    expect(dueReminder(booking({ reminded_day_at: '2026-03-29T09:00:05.000Z' }), at('2026-03-30T08:00:00.000Z'))).toBe('hour');
    expect(dueReminder(booking({ reminded_hour_at: '2026-03-30T08:00:05.000Z' }), at('2026-03-30T08:30:00.000Z'))).toBeNull();
  });

  it('skips a reminder whose time passed before the booking was made or moved: its own mail told the time', () => {
    const bookedLate = booking({ updated_at: '2026-03-29T20:00:00.000Z' });
    expect(dueReminder(bookedLate, at('2026-03-29T21:00:00.000Z'))).toBeNull();
    expect(dueReminder(bookedLate, at('2026-03-30T08:00:00.000Z'))).toBe('hour');
    const movedInTheLastHour = booking({ updated_at: '2026-03-30T08:10:00.000Z' });
    expect(dueReminder(movedInTheLastHour, at('2026-03-30T08:20:00.000Z'))).toBeNull();
    // Moved to a later day after the day reminder was due (a move clears the claims): the new day's reminder is due at its own time.
    const moved = booking({ starts_at: '2026-04-01T09:00:00.000Z', ends_at: '2026-04-01T09:20:00.000Z', updated_at: '2026-03-29T12:00:00.000Z' });
    expect(dueReminder(moved, at('2026-03-30T08:00:00.000Z'))).toBeNull();
    expect(dueReminder(moved, at('2026-03-31T09:00:00.000Z'))).toBe('day');
  });

  it('reminds nobody of a cancelled booking, whenever it was cancelled', () => {
    const cancelled = booking({ status: 'cancelled', updated_at: '2026-03-29T09:30:00.000Z' });
    for (const now of ['2026-03-29T10:00:00.000Z', '2026-03-30T08:00:00.000Z', '2026-03-30T09:30:00.000Z']) expect(dueReminder(cancelled, at(now))).toBeNull();
  });

  it('follows up a call nobody joined, from its end for a day, once', () => {
    expect(dueReminder(booking(), at('2026-03-30T09:19:59.999Z'))).toBeNull();
    expect(dueReminder(booking(), at(ENDS))).toBe('missed');
    expect(dueReminder(booking(), at('2026-03-31T09:19:59.999Z'))).toBe('missed');
    expect(dueReminder(booking(), at('2026-03-31T09:20:00.000Z'))).toBeNull();
    expect(dueReminder(booking({ followed_up_at: '2026-03-30T09:20:05.000Z' }), at('2026-03-30T10:00:00.000Z'))).toBeNull();
    // The visitor joined (the booking has their conversation): not missed.
    expect(dueReminder(booking({ conversation_id: 'c1' }), at('2026-03-30T10:00:00.000Z'))).toBeNull();
  });
});
