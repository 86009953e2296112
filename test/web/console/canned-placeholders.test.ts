import { describe, expect, it } from 'vitest';
import { fillPlaceholders, formatOfficeHours } from '../../../src/web/console/canned/placeholders';

const WEEKDAYS_11_14 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '11:00', end: '14:00' }));

describe('canned answer placeholders', () => {
  it('fills the visitor’s name, or leaves it out cleanly when they gave none', () => {
    const values = { visitorName: 'Olena', officeHours: '' };
    expect(fillPlaceholders('Hello {visitorName}, how can I help?', values)).toBe('Hello Olena, how can I help?');
    expect(fillPlaceholders('Hello {visitorName}, how can I help?', { ...values, visitorName: null })).toBe('Hello, how can I help?');
    expect(fillPlaceholders('Hello {visitorName}, how can I help?', { ...values, visitorName: '  ' })).toBe('Hello, how can I help?');
    expect(fillPlaceholders('{unknown} stays', values)).toBe('{unknown} stays');
  });

  it('writes the office hours in the conversation’s language, joining days with the same hours', () => {
    expect(formatOfficeHours(WEEKDAYS_11_14, 'Europe/Warsaw', 'pl')).toMatch(/^poniedziałek–piątek 11:00–14:00 \(.+\)$/);
    expect(formatOfficeHours(WEEKDAYS_11_14, 'Europe/Warsaw', 'uk')).toMatch(/^понеділок–пʼятниця 11:00–14:00|^понеділок–п’ятниця 11:00–14:00/);
    const split = [
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '13:00', end: '15:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 2, start: '13:00', end: '15:00' },
      { weekday: 5, start: '09:00', end: '12:00' },
    ];
    expect(formatOfficeHours(split, 'Europe/Warsaw', 'en')).toMatch(/^Monday–Tuesday 08:00–12:00, 13:00–15:00; Friday 09:00–12:00 \(.+\)$/);
    expect(fillPlaceholders('We are open {officeHours}.', { visitorName: null, officeHours: 'Mon 9–10' })).toBe('We are open Mon 9–10.');
  });
});
