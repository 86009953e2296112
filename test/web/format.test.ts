import { describe, expect, it } from 'vitest';
import { formatInstant, formatOwnTime, formatTimeOrDate, languageName, nativeLanguageName, timeZoneName } from '../../src/web/common/format';

describe('format', () => {
  const now = new Date('2025-03-03T12:00:00.000Z');

  it('shows only the time for today, and the date too for earlier days', () => {
    expect(formatTimeOrDate('2025-03-03T09:05:00.000Z', 'pl', 'Europe/Warsaw', now)).toBe('10:05');
    expect(formatTimeOrDate('2025-03-01T09:05:00.000Z', 'en-GB', 'Europe/Warsaw', now)).toBe('1 Mar, 10:05');
  });

  it("names the viewer's zone beside their time only where their clock differs from the office's", () => {
    const sent = '2025-03-03T09:05:00.000Z';
    expect(formatOwnTime(sent, 'en', 'Europe/Warsaw', now, 'Europe/Warsaw')).toBe('10:05');
    // Berlin's clock shows Warsaw's time: nothing to tell apart.
    expect(formatOwnTime(sent, 'en', 'Europe/Warsaw', now, 'Europe/Berlin')).toBe('10:05');
    expect(formatOwnTime(sent, 'en', 'Europe/Warsaw', now, 'Europe/Kyiv')).toBe('11:05 Ukraine Time');
    expect(formatOwnTime(sent, 'uk', 'Europe/Warsaw', now, 'Europe/Kyiv')).toBe('11:05 час: Україна');
    expect(formatOwnTime('2025-03-01T09:05:00.000Z', 'en-GB', 'Europe/Warsaw', now, 'Asia/Tbilisi')).toMatch(/^1 Mar, 13:05 Georgia Time$/);
  });

  it('shows an instant in a given zone on a 24-hour clock', () => {
    const opening = '2025-03-03T10:00:00.000Z';
    expect(formatInstant(opening, 'en-GB', 'Europe/Warsaw')).toBe('Monday 3 March at 11:00');
    expect(formatInstant(opening, 'en-GB', 'Asia/Tbilisi')).toBe('Monday 3 March at 14:00');
  });

  it('names time zones in the reader language, or falls back to the id', () => {
    expect(timeZoneName('Europe/Warsaw', 'en', now)).toBe('Central European Time');
    expect(timeZoneName('Not/AZone', 'en', now)).toBe('Not/AZone');
  });

  it('names each language in itself', () => {
    expect(['pl', 'en', 'uk', 'ru'].map(nativeLanguageName)).toEqual(['Polski', 'English', 'Українська', 'Русский']);
  });

  it('names a language in the reader language, capitalised', () => {
    expect(languageName('uk', 'pl')).toBe('Ukraiński');
    expect(languageName('pl', 'en')).toBe('Polish');
    expect(languageName('uk', 'not a locale!')).toBe('uk');
  });
});
