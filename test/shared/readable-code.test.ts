import { describe, expect, it } from 'vitest';
import { newReadableCode } from '../../src/server/readable-code';
import { parseReadableCode, READABLE_ALPHABET, READABLE_CODE_PATTERN } from '../../src/shared/readable-code';

describe('readable codes (case codes, left-message references)', () => {
  it('draws from 31 characters none of which can be taken for another: no 0/O, no 1/I/L', () => {
    expect(READABLE_ALPHABET).toHaveLength(31);
    expect(new Set(READABLE_ALPHABET).size).toBe(31);
    for (const ambiguous of '01OIL') expect(READABLE_ALPHABET).not.toContain(ambiguous);
  });

  it('is EK- and two groups of four, every character of the alphabet', () => {
    const codes = Array.from({ length: 200 }, () => newReadableCode());
    for (const code of codes) expect(code).toMatch(READABLE_CODE_PATTERN);
    expect(new Set(codes.join('').replace(/EK-|-/g, '')).size).toBeGreaterThan(25);
    // 31^8 possibilities: 200 draws do not repeat.
    expect(new Set(codes).size).toBe(200);
  });

  it.each([
    ['EK-7KQ4-M2XD', 'the written form'],
    ['ek-7kq4-m2xd', 'lower case'],
    ['EK7KQ4M2XD', 'no dashes'],
    ['7kq4-m2xd', 'without the prefix'],
    ['7KQ4M2XD', 'only the eight characters'],
    [' ek 7kq4 m2xd ', 'spaces, as read aloud in groups'],
    ['EK–7KQ4—M2XD', 'typographic dashes from a phone keyboard'],
    ['Ek-7Kq4-M2xD', 'mixed case'],
  ])('reads %s (%s) as EK-7KQ4-M2XD', (typed) => {
    expect(parseReadableCode(typed)).toBe('EK-7KQ4-M2XD');
  });

  it('tells the prefix from a body that begins with EK by the length', () => {
    expect(parseReadableCode('EKAB-CDEF')).toBe('EK-EKAB-CDEF');
    expect(parseReadableCode('ekekab-cdef')).toBe('EK-EKAB-CDEF');
  });

  it.each([
    ['', 'nothing'],
    ['EK-7KQ4-M2X', 'one character short'],
    ['EK-7KQ4-M2XDD', 'one character too many'],
    ['EK-7KQ4-M0XD', 'a zero'],
    ['EK-7KQ4-MOXD', 'an O'],
    ['EK-7KQ1-M2XD', 'a one'],
    ['EK-7KQI-M2XD', 'an I'],
    ['EK-7KQL-M2XD', 'an L'],
    ['EK-7KQ4-M2X?', 'punctuation'],
    ['XY-7KQ4-M2XD', 'another prefix'],
  ])('refuses %s (%s)', (typed) => {
    expect(parseReadableCode(typed)).toBeNull();
  });
});
