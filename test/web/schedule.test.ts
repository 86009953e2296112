import { describe, expect, it } from 'vitest';
import { scheduleStatusOf } from '../support/schedule-status';
import { formatCalendarDate, hoursByWeekday, pauseMessageFor, untilScheduleChanges } from '../../src/web/visitor/schedule';

const now = Date.parse('2025-03-03T10:00:00.000Z');
const schedule = scheduleStatusOf;

describe('untilScheduleChanges', () => {
  it('waits until just after the desk opens or closes', () => {
    expect(untilScheduleChanges(schedule({ nextOpening: '2025-03-03T10:05:00.000Z' }), now)).toBe(301_000);
    expect(untilScheduleChanges(schedule({ open: true, closesAt: '2025-03-03T10:01:00.000Z' }), now)).toBe(61_000);
  });

  it('refreshes when the last-entry minutes begin, and every minute while paused', () => {
    const open = { open: true, reason: 'open', closesAt: '2025-03-03T10:11:00.000Z', lastEntryAt: '2025-03-03T10:01:00.000Z' } as const;
    expect(untilScheduleChanges(schedule(open), now)).toBe(61_000);
    expect(untilScheduleChanges(schedule({ reason: 'paused' }), now)).toBe(60_000);
  });

  it('checks again within 15 minutes at most, and not in a tight loop', () => {
    expect(untilScheduleChanges(schedule({ nextOpening: '2025-03-10T10:00:00.000Z' }), now)).toBe(900_000);
    expect(untilScheduleChanges(schedule({}), now)).toBe(900_000);
    expect(untilScheduleChanges(schedule({ nextOpening: '2025-03-03T09:00:00.000Z' }), now)).toBe(5_000);
  });
});

describe('hoursByWeekday', () => {
  it('lists every weekday from Monday, each with its intervals in order', () => {
    const hours = hoursByWeekday([
      { weekday: 2, start: '15:00', end: '17:00' },
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 5, start: '11:00', end: '14:00' },
    ]);
    expect([...hours.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(hours.get(2)).toEqual(['09:00–12:00', '15:00–17:00']);
    expect(hours.get(5)).toEqual(['11:00–14:00']);
    expect(hours.get(1)).toEqual([]);
  });
});

describe('pauseMessageFor', () => {
  it("picks the reader's language, else any message there is", () => {
    const paused = schedule({ reason: 'paused', pauseMessage: { pl: 'Przerwa', en: 'Break' } });
    expect(pauseMessageFor(paused, 'en')).toEqual({ text: 'Break', language: 'en' });
    expect(pauseMessageFor(paused, 'uk')).toEqual({ text: 'Przerwa', language: 'pl' });
    expect(pauseMessageFor(schedule({}), 'en')).toBeNull();
  });
});

describe('formatCalendarDate', () => {
  it("writes the date itself, whatever the reader's time zone", () => {
    expect(formatCalendarDate('2030-01-07', 'en-GB')).toBe('7 January 2030');
    expect(formatCalendarDate('2030-01-07', 'pl')).toBe('7 stycznia 2030');
  });
});
