import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';
import { hardCeiling, limitStanding } from '../../../src/server/proof-of-work/rule';

describe('the proof-of-work ceiling rule', () => {
  it('never challenges a client under the limit, challenges it up to the ceiling, refuses it beyond', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((count) => limitStanding(count, 3, 3))).toEqual([
      'under', 'under', 'under', 'challenge', 'challenge', 'challenge', 'challenge', 'challenge', 'challenge', 'over',
    ]);
    expect(hardCeiling(10, 3)).toBe(30);
  });

  it('with a factor of 1 is the plain limit: no challenge at all', () => {
    expect([1, 2, 3].map((count) => limitStanding(count, 2, 1))).toEqual(['under', 'under', 'over']);
  });
});

describe('the proof-of-work configuration', () => {
  it('defaults to a ceiling of three times each limit, 50 000 as the largest number and five-minute challenges, with no key of its own', () => {
    expect(loadConfig({}).proofOfWork).toEqual({ hmacKey: undefined, maxNumber: 50_000, ceilingFactor: 3, challengeSeconds: 300 });
  });

  it('takes its settings from the environment', () => {
    const key = 'k'.repeat(32);
    expect(loadConfig({ POW_HMAC_KEY: key, POW_MAX_NUMBER: '20000', POW_CEILING_FACTOR: '1', POW_CHALLENGE_SECONDS: '120' }).proofOfWork).toEqual({
      hmacKey: key,
      maxNumber: 20_000,
      ceilingFactor: 1,
      challengeSeconds: 120,
    });
  });

  it.each([{ POW_HMAC_KEY: 'short' }, { POW_CEILING_FACTOR: '0' }, { POW_MAX_NUMBER: '1' }, { POW_CHALLENGE_SECONDS: '5' }])('refuses %o', (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});
