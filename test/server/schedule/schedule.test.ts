import { describe, expect, it } from 'vitest';
import { parseWeeklyHours } from '../../../src/server/schedule/weekly-hours';
import { statusAt as statusWith, WARSAW } from '../../support/schedule';

/**
 * Europe/Warsaw is UTC+1 in winter (CET) and UTC+2 in summer (CEST). In 2026 summer time starts on
 * Sunday 29 March (02:00 CET → 03:00 CEST, at 01:00Z) and ends on Sunday 25 October
 * (03:00 CEST → 02:00 CET, at 01:00Z). Every instant below is written in UTC with its local time.
 * These tests use no holidays and no last-entry minutes; schedule-rules.test.ts covers those.
 */
const DEFAULT_HOURS = 'mon-fri 11:00-14:00';

const statusAt = (utc: string, hours = DEFAULT_HOURS, timeZone = WARSAW) => statusWith(utc, { hours, timeZone });

describe('scheduleStatus, mon-fri 11:00-14:00 in Europe/Warsaw', () => {
  it('is open on Wednesday at 12:00 in winter and closes at 14:00 CET', () => {
    const status = statusAt('2026-01-14T11:00:00Z'); // Wed 12:00 CET
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-01-14T13:00:00.000Z'); // 14:00 CET
  });

  it('is open on Wednesday at 12:00 in summer and closes at 14:00 CEST', () => {
    const status = statusAt('2026-07-15T10:00:00Z'); // Wed 12:00 CEST
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-07-15T12:00:00.000Z'); // 14:00 CEST
  });

  it('opens at 11:00 exactly', () => {
    const status = statusAt('2026-01-14T10:00:00Z'); // Wed 11:00 CET
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-01-14T13:00:00.000Z');
  });

  it('is closed at 14:00 exactly (the end is exclusive) and opens next on Thursday', () => {
    const status = statusAt('2026-01-14T13:00:00Z'); // Wed 14:00 CET
    expect(status.open).toBe(false);
    expect(status.closesAt).toBeNull();
    expect(status.nextOpening).toBe('2026-01-15T10:00:00.000Z'); // Thu 11:00 CET
  });

  it('is closed at 10:59 and opens a minute later', () => {
    const status = statusAt('2026-01-14T09:59:00Z'); // Wed 10:59 CET
    expect(status.open).toBe(false);
    expect(status.closesAt).toBeNull();
    expect(status.nextOpening).toBe('2026-01-14T10:00:00.000Z'); // Wed 11:00 CET
  });

  it('reads the weekday in the office time zone, not in UTC', () => {
    // Mon 00:30 CET is still Sunday in UTC.
    const status = statusAt('2026-01-11T23:30:00Z', 'mon 00:00-01:00');
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-01-12T00:00:00.000Z'); // Mon 01:00 CET
  });

  it('on Friday at 15:00 next opens on Monday at 11:00', () => {
    const status = statusAt('2026-01-16T14:00:00Z'); // Fri 15:00 CET
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBe('2026-01-19T10:00:00.000Z'); // Mon 11:00 CET
  });

  it('on Saturday and late on Sunday next opens on Monday at 11:00', () => {
    expect(statusAt('2026-01-17T09:00:00Z').nextOpening).toBe('2026-01-19T10:00:00.000Z'); // Sat 10:00 CET
    expect(statusAt('2026-01-18T22:59:00Z').nextOpening).toBe('2026-01-19T10:00:00.000Z'); // Sun 23:59 CET
  });

  it('reports the time zone and the hours it was given', () => {
    const status = statusAt('2026-01-14T11:00:00Z');
    expect(status.timeZone).toBe(WARSAW);
    expect(status.hours).toEqual(parseWeeklyHours(DEFAULT_HOURS));
  });
});

describe('scheduleStatus with split shifts', () => {
  const shifts = 'mon-thu 08:00-12:00,13:00-15:00; fri 09:00-12:00';

  it('is closed over lunch and opens again at 13:00 the same day', () => {
    const status = statusAt('2026-01-14T11:30:00Z', shifts); // Wed 12:30 CET
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBe('2026-01-14T12:00:00.000Z'); // Wed 13:00 CET
  });

  it('in the afternoon shift closes at 15:00', () => {
    const status = statusAt('2026-01-14T13:30:00Z', shifts); // Wed 14:30 CET
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-01-14T14:00:00.000Z'); // Wed 15:00 CET
  });

  it('after Thursday closes, opens on Friday at 09:00', () => {
    expect(statusAt('2026-01-15T15:00:00Z', shifts).nextOpening).toBe('2026-01-16T08:00:00.000Z'); // Thu 16:00 → Fri 09:00 CET
  });
});

describe('scheduleStatus across daylight saving time changes in Europe/Warsaw', () => {
  it('from the Friday before summer time starts, opens Monday 11:00 CEST (09:00Z)', () => {
    const status = statusAt('2026-03-27T14:00:00Z'); // Fri 15:00 CET
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBe('2026-03-30T09:00:00.000Z'); // Mon 11:00 CEST
  });

  it('from the Friday before winter time starts, opens Monday 11:00 CET (10:00Z)', () => {
    const status = statusAt('2026-10-23T13:00:00Z'); // Fri 15:00 CEST
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBe('2026-10-26T10:00:00.000Z'); // Mon 11:00 CET
  });

  describe('whole days ("00:00-24:00"): touching intervals are one opening, not a closing at midnight', () => {
    it('a 24/7 desk is open with no closing in sight', () => {
      const status = statusAt('2026-03-29T01:30:00Z', 'mon-sun 00:00-24:00'); // Sun 03:30 CEST
      expect(status).toMatchObject({ open: true, reason: 'open', closesAt: null, lastEntryAt: null });
    });

    it('is open right after the clocks jump forward, until Sunday ends (midnight CEST)', () => {
      const status = statusAt('2026-03-29T01:30:00Z', 'sat-sun 00:00-24:00'); // Sun 03:30 CEST
      expect(status.open).toBe(true);
      expect(status.closesAt).toBe('2026-03-29T22:00:00.000Z'); // Mon 00:00 CEST
    });

    it('is open in both passes of the repeated hour when the clocks go back', () => {
      const first = statusAt('2026-10-25T00:30:00Z', 'sat-sun 00:00-24:00'); // Sun 02:30 CEST
      const second = statusAt('2026-10-25T01:30:00Z', 'sat-sun 00:00-24:00'); // Sun 02:30 CET
      expect(first.open).toBe(true);
      expect(second.open).toBe(true);
      expect(first.closesAt).toBe('2026-10-25T23:00:00.000Z'); // Mon 00:00 CET
      expect(second.closesAt).toBe('2026-10-25T23:00:00.000Z');
    });

    it('is open at midnight between two days and closes when the last whole day ends', () => {
      const status = statusAt('2026-01-13T23:00:00Z', 'tue-wed 00:00-24:00'); // Wed 00:00 CET
      expect(status.open).toBe(true);
      expect(status.closesAt).toBe('2026-01-14T23:00:00.000Z'); // Thu 00:00 CET
    });
  });

  it('a night interval that spans the jump forward is 2 real hours long', () => {
    const night = 'sun 01:00-04:00';
    const status = statusAt('2026-03-29T00:30:00Z', night); // Sun 01:30 CET
    expect(status.open).toBe(true);
    expect(status.closesAt).toBe('2026-03-29T02:00:00.000Z'); // Sun 04:00 CEST
  });
});

describe('scheduleStatus edge cases', () => {
  it('a schedule with no intervals is closed with no next opening', () => {
    const status = statusAt('2026-01-14T11:00:00Z', '');
    expect(status).toMatchObject({ open: false, closesAt: null, nextOpening: null, hours: [] });
  });

  it('an interval ending at 24:00 is closed at midnight and opens again a week later', () => {
    const sundayEvening = 'sun 22:00-24:00';
    const status = statusAt('2026-01-18T23:00:00Z', sundayEvening); // Mon 00:00 CET
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBe('2026-01-25T21:00:00.000Z'); // next Sun 22:00 CET
  });

  it('works in America/New_York, across the US change to summer time', () => {
    const hours = 'mon-fri 09:00-17:00';
    const NEW_YORK = 'America/New_York';

    const open = statusAt('2026-01-14T17:00:00Z', hours, NEW_YORK); // Wed 12:00 EST (UTC-5)
    expect(open.open).toBe(true);
    expect(open.closesAt).toBe('2026-01-14T22:00:00.000Z'); // 17:00 EST
    expect(open.timeZone).toBe(NEW_YORK);

    // Same instant is 18:00 in Warsaw, which would be closed there.
    expect(statusAt('2026-01-14T17:00:00Z').open).toBe(false);

    // US summer time starts on Sunday 8 March 2026.
    const weekend = statusAt('2026-03-06T23:00:00Z', hours, NEW_YORK); // Fri 18:00 EST
    expect(weekend.open).toBe(false);
    expect(weekend.nextOpening).toBe('2026-03-09T13:00:00.000Z'); // Mon 09:00 EDT (UTC-4)
  });
});
