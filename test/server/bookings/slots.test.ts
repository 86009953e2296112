/**
 * Which slots a visitor may book, computed from the schedule rules with a fixed `now`: DST weeks
 * in Warsaw, split shifts, holidays, exceptions, the service period, the pause, the notice.
 */
import { describe, expect, it } from 'vitest';
import { placesLeft, slotCapacity } from '../../../src/server/bookings/capacity';
import { bookableSlots, type SlotSettings } from '../../../src/server/bookings/slots';
import { scheduleRules, type RulesChange } from '../../support/schedule';

const SETTINGS: SlotSettings = { slotMinutes: 20, daysAhead: 14, minNoticeMinutes: 30 };

/** The slots as UTC ISO start–end pairs. */
function slotsAt(nowUtc: string, change: RulesChange = {}, settings: Partial<SlotSettings> = {}) {
  return bookableSlots(scheduleRules(change), new Date(nowUtc), { ...SETTINGS, ...settings }).map((slot) => ({
    start: new Date(slot.startsAt.epochMilliseconds).toISOString(),
    end: new Date(slot.endsAt.epochMilliseconds).toISOString(),
  }));
}

const startsOn = (slots: { start: string }[], utcDate: string) => slots.filter((slot) => slot.start.startsWith(utcDate)).map((slot) => slot.start.slice(11, 16));

describe('bookable slots', () => {
  it('cuts the opening hours into slots that end by closing time, from the next opening on', () => {
    // Wednesday 14 January 2026, 09:00 in Warsaw (UTC+1): today's 11:00–14:00 is still ahead.
    const slots = slotsAt('2026-01-14T08:00:00Z');
    expect(startsOn(slots, '2026-01-14')).toEqual(['10:00', '10:20', '10:40', '11:00', '11:20', '11:40', '12:00', '12:20', '12:40']);
    expect(slots[8]).toEqual({ start: '2026-01-14T12:40:00.000Z', end: '2026-01-14T13:00:00.000Z' });
    // The weekend has no slots; Monday has.
    expect(startsOn(slots, '2026-01-17')).toEqual([]);
    expect(startsOn(slots, '2026-01-18')).toEqual([]);
    expect(startsOn(slots, '2026-01-19')).toHaveLength(9);
  });

  it('offers no slot that would run past closing (the last-entry rule is not applied)', () => {
    const slots = slotsAt('2026-01-14T08:00:00Z', { lastEntryMinutes: 30 }, { slotMinutes: 25 });
    const today = slots.filter((slot) => slot.start.startsWith('2026-01-14'));
    expect(today.map((slot) => slot.start.slice(11, 16))).toEqual(['10:00', '10:25', '10:50', '11:15', '11:40', '12:05', '12:30']);
    expect(today.at(-1)?.end).toBe('2026-01-14T12:55:00.000Z');
  });

  it('skips past slots and those within the minimum notice', () => {
    // 11:50 in Warsaw: 12:00 and 12:20 start within 30 minutes.
    expect(startsOn(slotsAt('2026-01-14T10:50:00Z'), '2026-01-14')).toEqual(['11:20', '11:40', '12:00', '12:20', '12:40']);
    expect(startsOn(slotsAt('2026-01-14T10:50:00Z', {}, { minNoticeMinutes: 0 }), '2026-01-14')).toEqual(['11:00', '11:20', '11:40', '12:00', '12:20', '12:40']);
    // After closing, today has nothing left.
    expect(startsOn(slotsAt('2026-01-14T13:30:00Z'), '2026-01-14')).toEqual([]);
  });

  it('looks only BOOKING_DAYS_AHEAD days ahead', () => {
    const slots = slotsAt('2026-01-14T08:00:00Z', {}, { daysAhead: 1 });
    expect(new Set(slots.map((slot) => slot.start.slice(0, 10)))).toEqual(new Set(['2026-01-14', '2026-01-15']));
  });

  it('keeps split shifts apart and never offers the break', () => {
    const slots = slotsAt('2026-01-14T06:00:00Z', { hours: 'mon-fri 08:00-10:00,12:00-13:00' }, { slotMinutes: 45, minNoticeMinutes: 0 });
    // 08:00, 08:45 fit the first shift (09:30–10:15 would not); 12:00 the second.
    expect(startsOn(slots, '2026-01-14')).toEqual(['07:00', '07:45', '11:00']);
  });

  it('offers nothing on a public holiday, follows an exception, and ends with the service period', () => {
    const holidays = { on: (date: string) => (date === '2026-01-15' ? { date, id: 'test', name: 'Test' } : null) };
    const slots = slotsAt('2026-01-14T08:00:00Z', {
      holidays,
      exceptions: { '2026-01-16': '09:00-10:00', '2026-01-19': 'closed' },
      serviceEnd: '2026-01-20',
    });
    expect(startsOn(slots, '2026-01-15')).toEqual([]);
    expect(startsOn(slots, '2026-01-16')).toEqual(['08:00', '08:20', '08:40']);
    expect(startsOn(slots, '2026-01-19')).toEqual([]);
    expect(startsOn(slots, '2026-01-20')).toHaveLength(9);
    expect(slots.filter((slot) => slot.start > '2026-01-21')).toEqual([]);
  });

  it('offers nothing before the service starts or while the desk is paused', () => {
    expect(startsOn(slotsAt('2026-01-14T08:00:00Z', { serviceStart: '2026-01-16' }), '2026-01-15')).toEqual([]);
    expect(startsOn(slotsAt('2026-01-14T08:00:00Z', { serviceStart: '2026-01-16' }), '2026-01-16')).toHaveLength(9);
    expect(slotsAt('2026-01-14T08:00:00Z', { pause: { messages: {}, since: '2026-01-14T07:00:00Z' } })).toEqual([]);
  });

  describe('across the changes of time in Warsaw', () => {
    it('in the March week, 11:00 moves from 10:00 to 09:00 UTC and Sunday has 23 hours', () => {
      // The clocks go forward on Sunday 29 March 2026 at 02:00.
      const weekdays = slotsAt('2026-03-26T06:00:00Z');
      expect(startsOn(weekdays, '2026-03-27')[0]).toBe('10:00'); // Friday, CET
      expect(startsOn(weekdays, '2026-03-30')[0]).toBe('09:00'); // Monday, CEST
      expect(startsOn(weekdays, '2026-03-30')).toHaveLength(9);

      // Thursday to Sunday: the one Sunday.
      const sunday = slotsAt('2026-03-26T06:00:00Z', { hours: 'sun 00:00-24:00' }, { minNoticeMinutes: 0, daysAhead: 3 });
      expect(sunday).toHaveLength((23 * 60) / 20);
      expect(sunday[0]?.start).toBe('2026-03-28T23:00:00.000Z'); // Sunday 00:00 CET
      expect(sunday.at(-1)?.end).toBe('2026-03-29T22:00:00.000Z'); // Monday 00:00 CEST
      // Every slot lasts exactly 20 minutes, the one across 02:00 included.
      expect(sunday.every((slot) => Date.parse(slot.end) - Date.parse(slot.start) === 20 * 60_000)).toBe(true);
    });

    it('in the October week, 11:00 moves from 09:00 to 10:00 UTC and Sunday has 25 hours', () => {
      // The clocks go back on Sunday 25 October 2026 at 03:00.
      const weekdays = slotsAt('2026-10-22T06:00:00Z');
      expect(startsOn(weekdays, '2026-10-23')[0]).toBe('09:00'); // Friday, CEST
      expect(startsOn(weekdays, '2026-10-26')[0]).toBe('10:00'); // Monday, CET

      const sunday = slotsAt('2026-10-22T06:00:00Z', { hours: 'sun 00:00-24:00' }, { minNoticeMinutes: 0, daysAhead: 3 });
      expect(sunday).toHaveLength((25 * 60) / 20);
      expect(sunday[0]?.start).toBe('2026-10-24T22:00:00.000Z');
      expect(sunday.at(-1)?.end).toBe('2026-10-25T23:00:00.000Z');
    });

    it('joins touching openings across midnight into one run of slots', () => {
      const slots = slotsAt('2026-01-14T08:00:00Z', { hours: 'wed 22:00-24:00; thu 00:00-01:00' }, { slotMinutes: 40, daysAhead: 1 });
      // 22:00, 22:40, 23:20 (across midnight), 00:00; 00:40–01:20 would run past closing.
      expect(slots.map((slot) => slot.start)).toEqual([
        '2026-01-14T21:00:00.000Z',
        '2026-01-14T21:40:00.000Z',
        '2026-01-14T22:20:00.000Z',
        '2026-01-14T23:00:00.000Z',
      ]);
    });
  });
});

describe('slot capacity', () => {
  const staff = [['pl', 'en'], ['pl', 'uk'], ['en']];

  it('is the configured number per slot, capped by the active staff and by those who speak the language', () => {
    expect(slotCapacity(1, staff, 'pl')).toEqual({ total: 1, inLanguage: 1 });
    expect(slotCapacity(5, staff, 'pl')).toEqual({ total: 3, inLanguage: 2 });
    expect(slotCapacity(5, staff, 'uk')).toEqual({ total: 3, inLanguage: 1 });
    expect(slotCapacity(5, staff, 'ru')).toEqual({ total: 3, inLanguage: 0 });
    expect(slotCapacity(5, [], 'pl')).toEqual({ total: 0, inLanguage: 0 });
  });

  it('leaves places while both the slot and its language have room', () => {
    const capacity = slotCapacity(5, staff, 'pl');
    expect(placesLeft(capacity, { total: 0, inLanguage: 0 })).toBe(2);
    expect(placesLeft(capacity, { total: 1, inLanguage: 1 })).toBe(1);
    expect(placesLeft(capacity, { total: 2, inLanguage: 2 })).toBe(0);
    // Two bookings in other languages: one place left in the slot, and Polish still has room.
    expect(placesLeft(capacity, { total: 2, inLanguage: 0 })).toBe(1);
    expect(placesLeft(capacity, { total: 3, inLanguage: 0 })).toBe(0);
  });
});
