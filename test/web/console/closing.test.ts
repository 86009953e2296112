import { describe, expect, it } from 'vitest';
import type { ScheduleStatus } from '../../../src/shared/protocol';
import { closingOfferActive, closingWarning } from '../../../src/web/console/closing';
import { scheduleStatusOf } from '../../support/schedule-status';

const schedule = (change: Partial<ScheduleStatus>): ScheduleStatus =>
  scheduleStatusOf({
    open: true,
    reason: 'open',
    closesAt: '2026-01-14T13:00:00.000Z', // 14:00 CET
    lastEntryAt: '2026-01-14T12:50:00.000Z', // 13:50 CET
    ...change,
  });

const at = (iso: string) => Date.parse(iso);

describe('closingWarning', () => {
  it('is silent until 20 minutes before the last entry', () => {
    expect(closingWarning(schedule({}), at('2026-01-14T12:29:59Z'))).toBeNull();
  });

  it('warns from 20 minutes before the last entry until closing', () => {
    const expected = { kind: 'closing', closesAt: '2026-01-14T13:00:00.000Z', lastEntryAt: '2026-01-14T12:50:00.000Z' };
    expect(closingWarning(schedule({}), at('2026-01-14T12:30:00Z'))).toEqual(expected);
    expect(closingWarning(schedule({ open: false, reason: 'last_entry' }), at('2026-01-14T12:55:00Z'))).toEqual(expected);
    expect(closingWarning(schedule({ open: false, reason: 'last_entry' }), at('2026-01-14T13:00:00Z'))).toBeNull();
  });

  it('says only the closing time when there are no last-entry minutes', () => {
    const noLastEntry = schedule({ lastEntryMinutes: 0, lastEntryAt: '2026-01-14T13:00:00.000Z' });
    expect(closingWarning(noLastEntry, at('2026-01-14T12:45:00Z'))).toEqual({ kind: 'closing', closesAt: '2026-01-14T13:00:00.000Z', lastEntryAt: null });
  });

  it('never warns a desk with no closing in sight, and tells about a pause', () => {
    expect(closingWarning(schedule({ closesAt: null, lastEntryAt: null }), at('2026-01-14T12:55:00Z'))).toBeNull();
    expect(closingWarning(schedule({ open: false, reason: 'paused', closesAt: null }), at('2026-01-14T12:55:00Z'))).toEqual({ kind: 'paused' });
    expect(closingWarning(undefined, at('2026-01-14T12:55:00Z'))).toBeNull();
  });
});

describe('closingOfferActive', () => {
  it('marks waiting visitors as offered a message from 10 minutes before closing until closing', () => {
    expect(closingOfferActive(schedule({}), at('2026-01-14T12:49:59Z'))).toBe(false);
    expect(closingOfferActive(schedule({}), at('2026-01-14T12:50:00Z'))).toBe(true);
    expect(closingOfferActive(schedule({ open: false, reason: 'last_entry' }), at('2026-01-14T12:59:59Z'))).toBe(true);
    expect(closingOfferActive(schedule({}), at('2026-01-14T13:00:00Z'))).toBe(false);
    expect(closingOfferActive(schedule({ closesAt: null }), at('2026-01-14T12:55:00Z'))).toBe(false);
  });
});
