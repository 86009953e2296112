import { describe, expect, it } from 'vitest';
import { calendarDay, formatClock, slotsByDay } from '../../../src/web/visitor/booking/times';

const slot = (startsAt: string) => ({ startsAt, endsAt: startsAt, placesLeft: 1 });

describe('booking times in the browser', () => {
  it('groups slots by the office’s calendar day, not UTC’s', () => {
    // 23:30 UTC on 28 March is already 29 March in Warsaw.
    const days = slotsByDay([slot('2026-03-28T10:00:00Z'), slot('2026-03-28T23:30:00Z'), slot('2026-03-29T08:00:00Z')], 'Europe/Warsaw');
    expect([...days.keys()]).toEqual(['2026-03-28', '2026-03-29']);
    expect(days.get('2026-03-29')?.map((s) => s.startsAt)).toEqual(['2026-03-28T23:30:00Z', '2026-03-29T08:00:00Z']);
  });

  it('shows a time in another zone, with its weekday when that falls on another day', () => {
    expect(calendarDay('2026-01-19T10:00:00Z', 'Asia/Kolkata')).toBe('2026-01-19');
    expect(formatClock('2026-01-19T10:00:00Z', 'en', 'America/New_York', '2026-01-19')).toBe('05:00');
    // 01:00 on Tuesday in Warsaw is still Monday evening in New York.
    expect(formatClock('2026-01-20T00:00:00Z', 'en', 'America/New_York', '2026-01-20')).toBe('Mon 19:00');
  });
});
