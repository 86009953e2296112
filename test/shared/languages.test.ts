import { describe, expect, it } from 'vitest';
import {
  isStaffLanguage,
  isUiLanguage,
  languageMeta,
  negotiateLanguage,
  parseAcceptLanguage,
  STAFF_LANGUAGES,
  textDirection,
  UI_LANGUAGES,
} from '../../src/shared/languages';

describe('parseAcceptLanguage', () => {
  it('returns nothing for a missing or empty header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });

  it('orders tags by q weight, a tag without q weighing 1', () => {
    expect(parseAcceptLanguage('en;q=0.5, pl;q=0.9, ru')).toEqual(['ru', 'pl', 'en']);
    expect(parseAcceptLanguage('uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['uk-UA', 'uk', 'en-US', 'en']);
  });

  it('keeps the header order between tags of equal weight', () => {
    expect(parseAcceptLanguage('de;q=0.8, fr, pl;q=0.8, en')).toEqual(['fr', 'en', 'de', 'pl']);
  });

  it('leaves out the * wildcard', () => {
    expect(parseAcceptLanguage('pl, *;q=0.5')).toEqual(['pl']);
    expect(parseAcceptLanguage('*')).toEqual([]);
  });

  it('leaves out tags the client refuses with q=0', () => {
    expect(parseAcceptLanguage('ru;q=0, en;q=0.1')).toEqual(['en']);
    expect(parseAcceptLanguage('ru;q=0.000')).toEqual([]);
  });

  it('skips malformed parts without losing the good ones', () => {
    expect(parseAcceptLanguage('pl;q=abc, en;q=0.4')).toEqual(['en']);
    expect(parseAcceptLanguage(',, ;q=0.9, uk ,')).toEqual(['uk']);
    expect(parseAcceptLanguage('en ; q=0.3 , pl;level=1;q=0.6')).toEqual(['pl', 'en']);
  });
});

describe('negotiateLanguage', () => {
  it('matches a regional tag to its base language', () => {
    expect(negotiateLanguage(['uk-UA'], UI_LANGUAGES, 'pl')).toBe('uk');
    expect(negotiateLanguage(['RU_ru'], UI_LANGUAGES, 'pl')).toBe('ru');
  });

  it('falls back when nothing is supported or nothing is asked for', () => {
    expect(negotiateLanguage(['de-DE', 'fr'], UI_LANGUAGES, 'pl')).toBe('pl');
    expect(negotiateLanguage([], UI_LANGUAGES, 'en')).toBe('en');
  });

  it('takes the first supported language in the preferred order', () => {
    expect(negotiateLanguage(['de', 'ru', 'en'], UI_LANGUAGES, 'pl')).toBe('ru');
    expect(negotiateLanguage(['en-GB', 'pl'], UI_LANGUAGES, 'pl')).toBe('en');
  });

  it('chooses only among the languages the desk offers', () => {
    expect(negotiateLanguage(['uk', 'en'], ['pl', 'en'], 'pl')).toBe('en');
    expect(negotiateLanguage(['uk', 'ru'], ['pl', 'en'], 'pl')).toBe('pl');
  });

  it('does not match a tag that only starts like a language', () => {
    expect(negotiateLanguage(['ukr', 'eng'], UI_LANGUAGES, 'pl')).toBe('pl');
  });

  it('works on a parsed Accept-Language header', () => {
    const preferred = parseAcceptLanguage('de-DE, uk;q=0.8, en;q=0.9');
    expect(negotiateLanguage(preferred, UI_LANGUAGES, 'pl')).toBe('en');
  });
});

describe('isUiLanguage', () => {
  it('accepts exactly the interface languages', () => {
    for (const language of UI_LANGUAGES) expect(isUiLanguage(language)).toBe(true);
    expect(isUiLanguage('de')).toBe(false);
    expect(isUiLanguage('PL')).toBe(false);
    expect(isUiLanguage(undefined)).toBe(false);
  });
});

describe('the languages in languages.json', () => {
  it('are the visitor languages, the staff apps being in Polish, English, Ukrainian and Russian', () => {
    expect(UI_LANGUAGES).toEqual(['pl', 'en', 'uk', 'ru', 'be', 'ka', 'vi', 'tr', 'es', 'ar']);
    expect(STAFF_LANGUAGES).toEqual(['pl', 'en', 'uk', 'ru']);
    expect(isStaffLanguage('uk')).toBe(true);
    expect(isStaffLanguage('es')).toBe(false);
    expect(isUiLanguage('es')).toBe(true);
    expect(isUiLanguage('toString')).toBe(false);
  });

  it('run right to left only in Arabic', () => {
    expect(UI_LANGUAGES.filter((language) => textDirection(language) === 'rtl')).toEqual(['ar']);
  });

  it('name themselves in their own script, and mark the translations awaiting a native review', () => {
    expect(languageMeta('ka').name).toBe('ქართული');
    expect(UI_LANGUAGES.filter((language) => languageMeta(language).review)).toEqual(['be', 'ka', 'vi', 'tr', 'es', 'ar']);
  });
});
