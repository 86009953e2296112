import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from '../../src/shared/errors';

describe('ERROR_CODES, joined from the domains', () => {
  it('holds each code once: no two domains declare the same one', () => {
    const repeated = ERROR_CODES.filter((code, index) => ERROR_CODES.indexOf(code) !== index);
    expect(repeated).toEqual([]);
  });

  it('knows every domain code and nothing else', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code), code).toBe(true);
    expect(isErrorCode('call_not_found')).toBe(true);
    expect(isErrorCode('bad_json')).toBe(true);
    expect(isErrorCode('no_such_code')).toBe(false);
  });
});
