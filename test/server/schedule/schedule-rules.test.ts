/**
 * Holidays, dated exceptions, the service period, the pause and the last-entry rule, with the
 * clock injected as `now`. Instants are UTC with the Warsaw wall time in a comment
 * (CET = UTC+1, CEST = UTC+2; in 2026 summer time runs from 29 March to 25 October).
 */
import { describe, expect, it } from 'vitest';
import { polishHolidays } from '../../../src/server/schedule/holidays';
import { statusAt } from '../../support/schedule';

const holidays = polishHolidays();

describe('public holidays', () => {
  it('is closed on Easter Monday with the holiday named, and opens on Tuesday', () => {
    const status = statusAt('2026-04-06T10:00:00Z', { holidays }); // Mon 12:00 CEST, Easter Monday
    expect(status).toMatchObject({ open: false, reason: 'holiday', closesAt: null });
    expect(status.holiday).toEqual({ date: '2026-04-06', id: 'easter_monday', name: 'Drugi dzień Wielkanocy' });
    expect(status.nextOpening).toBe('2026-04-07T09:00:00.000Z'); // Tue 11:00 CEST
  });

  it('from Friday 2026-04-03 after closing, next opens on Tuesday 2026-04-07 (Easter Monday skipped)', () => {
    const status = statusAt('2026-04-03T13:00:00Z', { holidays }); // Fri 15:00 CEST
    expect(status).toMatchObject({ open: false, reason: 'outside_hours', holiday: null });
    expect(status.nextOpening).toBe('2026-04-07T09:00:00.000Z'); // Tue 11:00 CEST
    // Without the holiday calendar it would be Monday.
    expect(statusAt('2026-04-03T13:00:00Z').nextOpening).toBe('2026-04-06T09:00:00.000Z');
  });

  it('skips Christmas Eve and both days of Christmas (2025 on)', () => {
    const status = statusAt('2026-12-23T13:00:00Z', { holidays }); // Wed 14:00 CET
    expect(status.nextOpening).toBe('2026-12-28T10:00:00.000Z'); // Mon 11:00 CET
  });

  it('names a holiday that falls on a weekend rather than calling it the weekend', () => {
    const status = statusAt('2026-08-15T10:00:00Z', { holidays }); // Sat 12:00 CEST, Assumption
    expect(status).toMatchObject({ reason: 'holiday', holiday: { id: 'assumption' } });
    expect(statusAt('2026-08-22T10:00:00Z', { holidays }).reason).toBe('weekend'); // an ordinary Saturday
  });

  it('a day added by HOLIDAYS_EXTRA closes, a day removed by HOLIDAYS_REMOVED opens', () => {
    const corrected = polishHolidays({ extra: ['2026-11-10'], removed: ['2026-01-06'] });
    expect(statusAt('2026-11-10T11:00:00Z', { holidays: corrected })).toMatchObject({ reason: 'holiday', holiday: { id: 'extra' } }); // Tue 12:00 CET
    expect(statusAt('2026-01-06T11:00:00Z', { holidays: corrected })).toMatchObject({ open: true }); // Tue 12:00 CET, Epiphany
    expect(statusAt('2026-01-06T11:00:00Z', { holidays })).toMatchObject({ open: false, reason: 'holiday' });
  });
});

describe('why it is closed', () => {
  it('says weekend on a Saturday without hours, outside hours on a working day', () => {
    expect(statusAt('2026-01-17T11:00:00Z').reason).toBe('weekend'); // Sat 12:00 CET
    expect(statusAt('2026-01-14T15:00:00Z').reason).toBe('outside_hours'); // Wed 16:00 CET
    expect(statusAt('2026-01-14T11:00:00Z').reason).toBe('open'); // Wed 12:00 CET
  });
});

describe('dated exceptions', () => {
  it('a closed day closes a working day and the next opening is the day after', () => {
    const status = statusAt('2026-01-14T11:00:00Z', { exceptions: { '2026-01-14': 'closed' } }); // Wed 12:00 CET
    expect(status).toMatchObject({ open: false, reason: 'closed_day' });
    expect(status.nextOpening).toBe('2026-01-15T10:00:00.000Z'); // Thu 11:00 CET
  });

  it('special hours replace the weekly hours of that day', () => {
    const exceptions = { '2026-01-14': '09:00-10:00,15:00-16:00' };
    expect(statusAt('2026-01-14T11:00:00Z', { exceptions })).toMatchObject({ open: false, reason: 'outside_hours', nextOpening: '2026-01-14T14:00:00.000Z' }); // 12:00 → 15:00 CET
    expect(statusAt('2026-01-14T08:30:00Z', { exceptions })).toMatchObject({ open: true, closesAt: '2026-01-14T09:00:00.000Z' }); // 09:30, until 10:00 CET
  });

  it('special hours open a Saturday and a holiday', () => {
    expect(statusAt('2026-01-17T10:00:00Z', { exceptions: { '2026-01-17': '10:00-12:00' } })).toMatchObject({ open: true }); // Sat 11:00 CET
    const onEasterMonday = statusAt('2026-04-06T08:30:00Z', { holidays, exceptions: { '2026-04-06': '10:00-12:00' } }); // 10:30 CEST
    expect(onEasterMonday).toMatchObject({ open: true, closesAt: '2026-04-06T10:00:00.000Z' });
  });

  it('counts an exception on a later day in the next opening', () => {
    const status = statusAt('2026-01-16T14:00:00Z', { exceptions: { '2026-01-17': '10:00-12:00' } }); // Fri 15:00 CET
    expect(status.nextOpening).toBe('2026-01-17T09:00:00.000Z'); // Sat 10:00 CET
  });
});

describe('service period (SERVICE_START, SERVICE_END, inclusive, office time)', () => {
  it('before the start it is closed and opens on the first day of the service', () => {
    const status = statusAt('2026-01-13T11:00:00Z', { serviceStart: '2026-01-14' }); // Tue 12:00 CET
    expect(status).toMatchObject({ open: false, reason: 'before_service', serviceStart: '2026-01-14' });
    expect(status.nextOpening).toBe('2026-01-14T10:00:00.000Z');
  });

  it('is open on the first and the last day', () => {
    expect(statusAt('2026-01-14T11:00:00Z', { serviceStart: '2026-01-14', serviceEnd: '2026-01-14' }).open).toBe(true);
  });

  it('just before midnight on the eve of the start it is still before the service', () => {
    expect(statusAt('2026-01-13T22:59:00Z', { serviceStart: '2026-01-14' }).reason).toBe('before_service'); // Tue 23:59 CET
  });

  it('after the end it is closed for good, with no next opening', () => {
    const status = statusAt('2026-01-15T11:00:00Z', { serviceEnd: '2026-01-14' }); // Thu 12:00 CET
    expect(status).toMatchObject({ open: false, reason: 'after_service', nextOpening: null, serviceEnd: '2026-01-14' });
  });

  it('after the last opening of the last day it says the service has ended', () => {
    const status = statusAt('2026-01-14T13:30:00Z', { serviceEnd: '2026-01-14' }); // Wed 14:30 CET
    expect(status).toMatchObject({ open: false, reason: 'after_service', nextOpening: null });
  });

  it('finds the first opening of a service that starts years ahead', () => {
    const status = statusAt('2026-01-14T11:00:00Z', { serviceStart: '2030-01-07', holidays }); // → Mon 7 Jan 2030
    expect(status).toMatchObject({ reason: 'before_service', nextOpening: '2030-01-07T10:00:00.000Z' });
  });
});

describe('manual pause', () => {
  const pause = { messages: { pl: 'Przerwa techniczna.', en: 'Technical break.' }, since: '2026-01-14T10:30:00.000Z' };

  it('closes the desk during its hours and carries the office message', () => {
    const status = statusAt('2026-01-14T11:00:00Z', { pause }); // Wed 12:00 CET
    expect(status).toMatchObject({ open: false, reason: 'paused', nextOpening: null, closesAt: null });
    expect(status.pauseMessage).toEqual(pause.messages);
  });

  it('outranks every other reason', () => {
    expect(statusAt('2026-04-06T10:00:00Z', { pause, holidays }).reason).toBe('paused');
    expect(statusAt('2026-01-13T11:00:00Z', { pause, serviceStart: '2026-02-01' }).reason).toBe('paused');
  });
});

describe('no new conversations in the last N minutes (LAST_ENTRY_MINUTES)', () => {
  const lastEntryMinutes = 10;

  it('is open until 13:50 and refuses new conversations from 13:50 to 14:00', () => {
    const before = statusAt('2026-01-14T12:49:59Z', { lastEntryMinutes }); // Wed 13:49:59 CET
    expect(before).toMatchObject({ open: true, reason: 'open', closesAt: '2026-01-14T13:00:00.000Z', lastEntryAt: '2026-01-14T12:50:00.000Z' });
    const at = statusAt('2026-01-14T12:50:00Z', { lastEntryMinutes }); // Wed 13:50 CET
    expect(at).toMatchObject({ open: false, reason: 'last_entry', closesAt: '2026-01-14T13:00:00.000Z', lastEntryMinutes: 10 });
    expect(at.nextOpening).toBe('2026-01-15T10:00:00.000Z'); // Thu 11:00 CET
  });

  it('applies before each shift of a split day', () => {
    const hours = 'mon-thu 08:00-12:00,13:00-15:00';
    const status = statusAt('2026-01-14T10:55:00Z', { hours, lastEntryMinutes }); // Wed 11:55 CET
    expect(status).toMatchObject({ reason: 'last_entry', closesAt: '2026-01-14T11:00:00.000Z', nextOpening: '2026-01-14T12:00:00.000Z' });
  });

  it('does not apply where two intervals touch', () => {
    const status = statusAt('2026-01-14T10:55:00Z', { hours: 'wed 08:00-12:00,12:00-14:00', lastEntryMinutes }); // Wed 11:55 CET
    expect(status).toMatchObject({ open: true, closesAt: '2026-01-14T13:00:00.000Z' });
  });

  it('never closes a 24/7 desk at midnight', () => {
    const status = statusAt('2026-01-14T22:55:00Z', { hours: 'mon-sun 00:00-24:00', lastEntryMinutes }); // Wed 23:55 CET
    expect(status).toMatchObject({ open: true, closesAt: null, lastEntryAt: null });
  });

  it('a desk open whole days closes for entries 10 minutes before its last midnight', () => {
    const status = statusAt('2026-01-16T22:55:00Z', { hours: 'mon-fri 00:00-24:00', lastEntryMinutes }); // Fri 23:55 CET
    expect(status).toMatchObject({ open: false, reason: 'last_entry', closesAt: '2026-01-16T23:00:00.000Z', nextOpening: '2026-01-18T23:00:00.000Z' });
  });

  it('with 0 minutes it takes conversations until the closing minute', () => {
    expect(statusAt('2026-01-14T12:59:00Z', { lastEntryMinutes: 0 }).open).toBe(true);
  });
});

describe('DST weekends in Europe/Warsaw', () => {
  it('spring (2026-03-29): from Friday in the last minutes to Monday 11:00 CEST', () => {
    const status = statusAt('2026-03-27T12:55:00Z', { holidays, lastEntryMinutes: 10 }); // Fri 13:55 CET
    expect(status).toMatchObject({ reason: 'last_entry', closesAt: '2026-03-27T13:00:00.000Z', nextOpening: '2026-03-30T09:00:00.000Z' });
  });

  it('spring: Sunday hours on the day the clocks jump forward', () => {
    expect(statusAt('2026-03-28T11:00:00Z', { hours: 'sun 09:00-12:00' }).nextOpening).toBe('2026-03-29T07:00:00.000Z'); // Sat 12:00 CET → Sun 09:00 CEST
    expect(statusAt('2026-03-29T09:55:00Z', { hours: 'sun 09:00-12:00', lastEntryMinutes: 10 })).toMatchObject({ reason: 'last_entry', closesAt: '2026-03-29T10:00:00.000Z' }); // 11:55 CEST
  });

  it('spring: a closing time in the skipped hour (02:30) moves forward to 03:30 CEST', () => {
    const status = statusAt('2026-03-29T00:30:00Z', { hours: 'sun 01:00-02:30', lastEntryMinutes: 10 }); // Sun 01:30 CET
    expect(status).toMatchObject({ open: true, closesAt: '2026-03-29T01:30:00.000Z', lastEntryAt: '2026-03-29T01:20:00.000Z' });
  });

  it('autumn (2026-10-25): from Friday to Monday 11:00 CET', () => {
    const status = statusAt('2026-10-23T12:55:00Z', { holidays, lastEntryMinutes: 10 }); // Fri 14:55 CEST
    expect(status).toMatchObject({ reason: 'outside_hours', nextOpening: '2026-10-26T10:00:00.000Z' });
  });

  it('autumn: Sunday hours on the day the clocks go back', () => {
    expect(statusAt('2026-10-24T10:00:00Z', { hours: 'sun 09:00-12:00' }).nextOpening).toBe('2026-10-25T08:00:00.000Z'); // Sat 12:00 CEST → Sun 09:00 CET
    expect(statusAt('2026-10-25T10:55:00Z', { hours: 'sun 09:00-12:00', lastEntryMinutes: 10 })).toMatchObject({ reason: 'last_entry', closesAt: '2026-10-25T11:00:00.000Z' }); // 11:55 CET
  });

  it('autumn: a closing time in the repeated hour (02:30) is its first pass, 02:30 CEST', () => {
    const status = statusAt('2026-10-24T23:30:00Z', { hours: 'sun 01:00-02:30', lastEntryMinutes: 10 }); // Sun 01:30 CEST
    expect(status).toMatchObject({ open: true, closesAt: '2026-10-25T00:30:00.000Z', lastEntryAt: '2026-10-25T00:20:00.000Z' });
  });
});
