import { describe, expect, it } from 'vitest';
import { minutesSince, pageTitle, waitingLabel } from '../../../src/web/console/waiting-time';

describe('waiting time', () => {
  it('counts whole minutes and never goes below zero', () => {
    const start = '2025-03-03T10:00:00.000Z';
    expect(minutesSince(start, Date.parse('2025-03-03T10:03:59.000Z'))).toBe(3);
    expect(minutesSince(start, Date.parse('2025-03-03T09:59:00.000Z'))).toBe(0);
  });

  it('labels minutes and hours', () => {
    expect(waitingLabel(0)).toEqual({ key: 'duration.underMinute', values: {} });
    expect(waitingLabel(3)).toEqual({ key: 'duration.minutes', values: { minutes: 3 } });
    expect(waitingLabel(75)).toEqual({ key: 'duration.hours', values: { hours: 1, minutes: 15 } });
  });

  it('puts the waiting count in front of the page title', () => {
    expect(pageTitle('e-Konsultant', 2)).toBe('(2) e-Konsultant');
    expect(pageTitle('e-Konsultant', 0)).toBe('e-Konsultant');
  });
});
