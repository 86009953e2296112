import { describe, expect, it } from 'vitest';
import { matchingLanguages, SPOKEN_LANGUAGES, spokenLanguageOptions } from '../../src/web/visitor/spoken-language/spoken-languages';
import { spokenLanguageSchema } from '../../src/shared/desk-protocol';

describe('the languages a visitor may name as their own', () => {
  const options = spokenLanguageOptions('pl');

  it('are each named in itself by Intl.DisplayNames, and in the page language beside it', () => {
    const uzbek = options.find((option) => option.code === 'uz');
    expect(uzbek).toEqual({ code: 'uz', native: 'o‘zbek', local: 'uzbecki' });
    expect(options.find((option) => option.code === 'am')?.native).toBe('አማርኛ');
    expect(options.filter((option) => option.native === option.code)).toEqual([]);
  });

  it('are codes the server accepts', () => {
    expect(SPOKEN_LANGUAGES.filter((code) => !spokenLanguageSchema.safeParse(code).success)).toEqual([]);
  });

  it('are found by either name or code, ignoring case and diacritics', () => {
    const codes = (query: string) => matchingLanguages(options, query).map((option) => option.code);
    expect(codes('ozbek')).toEqual(['uz']);
    expect(codes('UZBEC')).toEqual(['uz']);
    expect(codes('turkce')).toEqual(['tr']);
    expect(codes('ትግርኛ')).toEqual(['ti']);
    expect(codes('  ')).toHaveLength(SPOKEN_LANGUAGES.length);
    expect(codes('qqqq')).toEqual([]);
  });
});
