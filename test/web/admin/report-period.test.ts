/** The reports screen's period picker: which office days each kind of period covers around the day picked. */
import { describe, expect, it } from 'vitest';
import { periodAround, pickedPeriod } from '../../../src/web/admin/report-period';

describe('the report period picker', () => {
  it('takes a day as itself', () => {
    expect(periodAround('day', '2026-03-29')).toEqual({ from: '2026-03-29', to: '2026-03-29' });
  });

  it('takes the week Monday to Sunday, from any of its days', () => {
    expect(periodAround('week', '2026-01-14')).toEqual({ from: '2026-01-12', to: '2026-01-18' });
    expect(periodAround('week', '2026-01-12')).toEqual({ from: '2026-01-12', to: '2026-01-18' });
    expect(periodAround('week', '2026-01-18')).toEqual({ from: '2026-01-12', to: '2026-01-18' });
  });

  it('takes a week across the turn of the year whole, from either year’s side', () => {
    // Thursday 1 January 2026: the week began on Monday 29 December 2025.
    expect(periodAround('week', '2026-01-01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(periodAround('week', '2025-12-31')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(periodAround('week', '2026-01-04')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('keeps a week whole across the change to summer time', () => {
    // Sunday 29 March 2026, the clocks go forward in Warsaw; the dates are office days, not instants.
    expect(periodAround('week', '2026-03-29')).toEqual({ from: '2026-03-23', to: '2026-03-29' });
    expect(periodAround('week', '2026-03-30')).toEqual({ from: '2026-03-30', to: '2026-04-05' });
  });

  it('takes a month to its last day, February of a leap year too', () => {
    expect(periodAround('month', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(periodAround('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodAround('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodAround('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('takes the calendar quarter a funder reports on', () => {
    expect(periodAround('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodAround('quarter', '2026-05-15')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodAround('quarter', '2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodAround('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('takes a custom range as picked, ignoring the day, and a fixed kind around the day, ignoring the range', () => {
    const picked = { day: '2026-05-15', from: '2025-11-03', to: '2026-02-27' };
    expect(pickedPeriod({ ...picked, kind: 'custom' })).toEqual({ from: '2025-11-03', to: '2026-02-27' });
    expect(pickedPeriod({ ...picked, kind: 'quarter' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(pickedPeriod({ ...picked, kind: 'day' })).toEqual({ from: '2026-05-15', to: '2026-05-15' });
  });
});
