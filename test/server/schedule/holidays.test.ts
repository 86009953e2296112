/**
 * The holiday calendar against the official list of Polish public holidays (dni ustawowo wolne od
 * pracy: ustawa z dnia 18 stycznia 1951 r., art. 1, with Christmas Eve added from 2025 by the
 * amendment of 6 December 2024, Dz.U. 2024 poz. 1965). Every date is written out, not computed,
 * so a wrong Easter date or a missing day fails here.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_NAME_IDS, ownHolidaysOnly, polishHolidays } from '../../../src/server/schedule/holidays';

const OFFICIAL: Record<number, string[]> = {
  2020: ['01-01', '01-06', '04-12', '04-13', '05-01', '05-03', '05-31', '06-11', '08-15', '11-01', '11-11', '12-25', '12-26'],
  2021: ['01-01', '01-06', '04-04', '04-05', '05-01', '05-03', '05-23', '06-03', '08-15', '11-01', '11-11', '12-25', '12-26'],
  2022: ['01-01', '01-06', '04-17', '04-18', '05-01', '05-03', '06-05', '06-16', '08-15', '11-01', '11-11', '12-25', '12-26'],
  2023: ['01-01', '01-06', '04-09', '04-10', '05-01', '05-03', '05-28', '06-08', '08-15', '11-01', '11-11', '12-25', '12-26'],
  2024: ['01-01', '01-06', '03-31', '04-01', '05-01', '05-03', '05-19', '05-30', '08-15', '11-01', '11-11', '12-25', '12-26'],
  2025: ['01-01', '01-06', '04-20', '04-21', '05-01', '05-03', '06-08', '06-19', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
  2026: ['01-01', '01-06', '04-05', '04-06', '05-01', '05-03', '05-24', '06-04', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
  2027: ['01-01', '01-06', '03-28', '03-29', '05-01', '05-03', '05-16', '05-27', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
  2028: ['01-01', '01-06', '04-16', '04-17', '05-01', '05-03', '06-04', '06-15', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
  2029: ['01-01', '01-06', '04-01', '04-02', '05-01', '05-03', '05-20', '05-31', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
  2030: ['01-01', '01-06', '04-21', '04-22', '05-01', '05-03', '06-09', '06-20', '08-15', '11-01', '11-11', '12-24', '12-25', '12-26'],
};

/** The ids in the order of the official list (Easter to Corpus Christi are the movable ones). */
const IDS_IN_ORDER = [
  'new_year',
  'epiphany',
  'easter_sunday',
  'easter_monday',
  'labour_day',
  'constitution_day',
  'pentecost',
  'corpus_christi',
  'assumption',
  'all_saints',
  'independence_day',
  'christmas_eve',
  'christmas_day',
  'christmas_second_day',
];

function holidaysOfYear(calendar: ReturnType<typeof polishHolidays>, year: number) {
  const found = [];
  for (let date = Temporal.PlainDate.from({ year, month: 1, day: 1 }); date.year === year; date = date.add({ days: 1 })) {
    const holiday = calendar.on(date.toString());
    if (holiday) found.push(holiday);
  }
  return found;
}

describe('polishHolidays', () => {
  const calendar = polishHolidays();

  for (const [year, days] of Object.entries(OFFICIAL)) {
    it(`has exactly the official public holidays of ${year}`, () => {
      const found = holidaysOfYear(calendar, Number(year));
      expect(found.map((h) => h.date)).toEqual(days.map((day) => `${year}-${day}`));
      const ids = IDS_IN_ORDER.filter((id) => id !== 'christmas_eve' || Number(year) >= 2025);
      expect(found.map((h) => h.id)).toEqual(ids);
      for (const holiday of found) expect(holiday.name).not.toBe('');
    });
  }

  it('closes Christmas Eve only from 2025 on', () => {
    expect(calendar.on('2024-12-24')).toBeNull();
    expect(calendar.on('2025-12-24')).toMatchObject({ id: 'christmas_eve' });
  });

  it('gives the Polish name from the calendar', () => {
    expect(calendar.on('2026-04-06')).toEqual({ date: '2026-04-06', id: 'easter_monday', name: 'Drugi dzień Wielkanocy' });
    expect(calendar.on('2026-06-04')?.name).toBe('Dzień Bożego Ciała');
  });

  it('has a translatable id for every holiday it produces', () => {
    for (const year of Object.keys(OFFICIAL)) {
      for (const holiday of holidaysOfYear(calendar, Number(year))) expect(HOLIDAY_NAME_IDS).toContain(holiday.id);
    }
  });

  it('adds and removes days by configuration (HOLIDAYS_EXTRA, HOLIDAYS_REMOVED)', () => {
    const corrected = polishHolidays({ extra: ['2026-11-10'], removed: ['2026-01-06'] });
    expect(corrected.on('2026-11-10')).toMatchObject({ date: '2026-11-10', id: 'extra' });
    expect(corrected.on('2026-01-06')).toBeNull();
    expect(corrected.on('2026-11-11')).toMatchObject({ id: 'independence_day' });
    expect(polishHolidays().on('2026-11-10')).toBeNull();
  });
});

describe('ownHolidaysOnly (HOLIDAYS=none)', () => {
  it('closes only the days the office adds', () => {
    const own = ownHolidaysOnly({ extra: ['2026-11-10'], removed: [] });
    expect(own.on('2026-11-10')).toMatchObject({ id: 'extra' });
    expect(own.on('2026-12-25')).toBeNull();
  });
});
