import { describe, expect, it } from 'vitest';
import { formatWeeklyHours, minutesOf, parseWeeklyHours } from '../../../src/server/schedule/weekly-hours';
import type { WeeklyInterval } from '../../../src/shared/protocol';

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const SAT = 6;
const SUN = 7;

const interval = (weekday: number, start: string, end: string): WeeklyInterval => ({ weekday, start, end });

describe('parseWeeklyHours', () => {
  it('reads the default "mon-fri 11:00-14:00" as one interval per working day', () => {
    expect(parseWeeklyHours('mon-fri 11:00-14:00')).toEqual([
      interval(MON, '11:00', '14:00'),
      interval(TUE, '11:00', '14:00'),
      interval(WED, '11:00', '14:00'),
      interval(THU, '11:00', '14:00'),
      interval(FRI, '11:00', '14:00'),
    ]);
  });

  it('reads split shifts and several rules, sorted by weekday and start', () => {
    expect(parseWeeklyHours('mon-thu 08:00-12:00,13:00-15:00; fri 09:00-12:00')).toEqual([
      interval(MON, '08:00', '12:00'),
      interval(MON, '13:00', '15:00'),
      interval(TUE, '08:00', '12:00'),
      interval(TUE, '13:00', '15:00'),
      interval(WED, '08:00', '12:00'),
      interval(WED, '13:00', '15:00'),
      interval(THU, '08:00', '12:00'),
      interval(THU, '13:00', '15:00'),
      interval(FRI, '09:00', '12:00'),
    ]);
  });

  it('sorts rules written out of order', () => {
    expect(parseWeeklyHours('fri 09:00-10:00; mon 13:00-14:00,08:00-09:00')).toEqual([
      interval(MON, '08:00', '09:00'),
      interval(MON, '13:00', '14:00'),
      interval(FRI, '09:00', '10:00'),
    ]);
  });

  it('reads a single day and a list of days', () => {
    expect(parseWeeklyHours('sat 10:00-12:00')).toEqual([interval(SAT, '10:00', '12:00')]);
    expect(parseWeeklyHours('mon,wed 10:00-12:00')).toEqual([
      interval(MON, '10:00', '12:00'),
      interval(WED, '10:00', '12:00'),
    ]);
    expect(parseWeeklyHours('mon,fri-sun 10:00-11:00').map((i) => i.weekday)).toEqual([MON, FRI, SAT, SUN]);
  });

  it('accepts upper-case day names, extra spaces and a trailing semicolon', () => {
    expect(parseWeeklyHours('  MON-Tue   09:00-10:00 ;  ')).toEqual([
      interval(MON, '09:00', '10:00'),
      interval(TUE, '09:00', '10:00'),
    ]);
  });

  it('accepts 24:00 as the end of the day', () => {
    expect(parseWeeklyHours('sun 20:00-24:00')).toEqual([interval(SUN, '20:00', '24:00')]);
    expect(parseWeeklyHours('mon-sun 00:00-24:00')).toHaveLength(7);
  });

  it('allows intervals that touch without overlapping', () => {
    expect(parseWeeklyHours('mon 08:00-12:00,12:00-14:00')).toEqual([
      interval(MON, '08:00', '12:00'),
      interval(MON, '12:00', '14:00'),
    ]);
  });

  it('reads an empty text as no opening hours at all', () => {
    expect(parseWeeklyHours('')).toEqual([]);
  });

  describe('rejects', () => {
    it('an unknown weekday', () => {
      expect(() => parseWeeklyHours('mon-fry 11:00-14:00')).toThrow(/unknown weekday "fry"/);
      expect(() => parseWeeklyHours('monday 11:00-14:00')).toThrow(/unknown weekday "monday"/);
    });

    it('a weekday range that runs backwards', () => {
      expect(() => parseWeeklyHours('fri-mon 11:00-14:00')).toThrow(/"fri-mon" runs backwards/);
    });

    it('an interval that ends before (or when) it starts', () => {
      expect(() => parseWeeklyHours('mon 14:00-11:00')).toThrow(/"14:00-11:00" ends before it starts/);
      expect(() => parseWeeklyHours('mon 11:00-11:00')).toThrow(/ends before it starts/);
      expect(() => parseWeeklyHours('mon 24:00-24:00')).toThrow(/ends before it starts/);
    });

    it('overlapping intervals on the same day, also from different rules', () => {
      expect(() => parseWeeklyHours('mon 08:00-12:00,11:00-13:00')).toThrow(/08:00-12:00 and 11:00-13:00 overlap/);
      expect(() => parseWeeklyHours('mon-fri 11:00-14:00; wed 13:00-15:00')).toThrow(/overlap/);
      expect(() => parseWeeklyHours('mon,mon 11:00-14:00')).toThrow(/overlap/);
    });

    it('the same hours on different days is not an overlap', () => {
      expect(() => parseWeeklyHours('mon 11:00-14:00; tue 11:00-14:00')).not.toThrow();
    });

    it.each([
      ['a word', 'always'],
      ['days without hours', 'mon-fri'],
      ['hours without days', '11:00-14:00'],
      ['hours without minutes', 'mon 11-14'],
      ['a single time', 'mon 11:00'],
      ['an hour past 24', 'mon 11:00-25:00'],
      ['minutes past 59', 'mon 11:60-12:00'],
      ['a one-digit hour', 'mon 9:00-12:00'],
      ['24 with minutes', 'mon 20:00-24:30'],
      ['a third word', 'mon 11:00-14:00 please'],
      ['spaces inside the day range', 'mon - fri 11:00-14:00'],
      ['an empty day in a list', 'mon,,wed 11:00-14:00'],
    ])('%s: %j', (_what, text) => {
      expect(() => parseWeeklyHours(text)).toThrow();
    });

    it('a weekday range with more than two ends', () => {
      expect(() => parseWeeklyHours('mon-wed-fri 11:00-12:00')).toThrow();
    });

    it('a time range with more than two ends', () => {
      expect(() => parseWeeklyHours('mon 11:00-14:00-15:00')).toThrow();
    });
  });
});

describe('minutesOf', () => {
  it('counts minutes since midnight, 24:00 included', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('11:05')).toBe(665);
    expect(minutesOf('24:00')).toBe(1440);
  });
});

describe('formatWeeklyHours', () => {
  it('writes one rule per weekday, in order, that parseWeeklyHours reads back to the same intervals', () => {
    const hours = [interval(SAT, '09:00', '12:00'), interval(MON, '13:00', '24:00'), interval(MON, '08:00', '12:00'), interval(WED, '00:00', '24:00')];
    const text = formatWeeklyHours(hours);
    expect(text).toBe('mon 08:00-12:00,13:00-24:00; wed 00:00-24:00; sat 09:00-12:00');
    expect(parseWeeklyHours(text)).toEqual([hours[2], hours[1], hours[3], hours[0]]);
  });

  it('writes no hours as an empty string, which reads back as no hours', () => {
    expect(formatWeeklyHours([])).toBe('');
    expect(parseWeeklyHours('')).toEqual([]);
  });
});
