import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';

describe('booking configuration', () => {
  it('defaults to 20-minute slots, one booking each, 14 days ahead, 30 minutes’ notice, a reminder sweep every 10 seconds and the abuse limits', () => {
    expect(loadConfig({}).booking).toEqual({ daysAhead: 14, slotMinutes: 20, perSlot: 1, minNoticeMinutes: 30, reminderSweepSeconds: 10, movesMax: 3, perEmail: 2, perClient: 10 });
  });

  it('reads the BOOKING_* variables, and 0 places per slot turns booking off', () => {
    const config = loadConfig({
      BOOKING_DAYS_AHEAD: '7',
      BOOKING_SLOT_MINUTES: '30',
      BOOKING_SLOTS_PER_PERIOD: '0',
      BOOKING_MIN_NOTICE_MINUTES: '0',
      BOOKING_REMINDER_SWEEP_SECONDS: '60',
    });
    expect(config.booking).toMatchObject({ daysAhead: 7, slotMinutes: 30, perSlot: 0, minNoticeMinutes: 0, reminderSweepSeconds: 60 });
  });

  it.each([
    ['BOOKING_SLOT_MINUTES', '0'],
    ['BOOKING_SLOT_MINUTES', 'twenty'],
    ['BOOKING_DAYS_AHEAD', '0'],
    ['BOOKING_SLOTS_PER_PERIOD', '-1'],
    ['BOOKING_MIN_NOTICE_MINUTES', '1.5'],
    ['BOOKING_REMINDER_SWEEP_SECONDS', '0'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
