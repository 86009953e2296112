/**
 * `npm test` must not depend on how busy the machine is (issue 19): no test compares elapsed
 * wall-clock time with a bound. Performance figures are measured by `npm run bench`; a test waits
 * for events with a deadline that only ends a hung wait (test/support/deadline.ts).
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/launcher';
import { findTimedAssertions, findTimedAssertionsInSuite } from '../../scripts/timed-assertions';

const lines = (code: string, helpers: string[] = []) => findTimedAssertions('example.test.ts', code, helpers).map((found) => found.line);

describe('the timed-assertion check', () => {
  it('finds a stopwatch bound through local variables, as the scale test had one', () => {
    const code = [
      'const started = performance.now();',
      'for (const id of ids) await take(id);',
      'const perRound = (performance.now() - started) / ids.length;',
      "expect(perRound, 'ms per round').toBeLessThan(100);",
    ].join('\n');
    expect(lines(code)).toEqual([4]);
  });

  it('finds a clock read compared inside expect, with any ordering matcher and through .not', () => {
    const code = [
      'expect(performance.now() - outage).toBeLessThan(5_000);',
      'expect(Date.now() - begun).not.toBeGreaterThanOrEqual(limit);',
      'expect(limit).toBeGreaterThan(process.hrtime.bigint() - t0);',
      'expect(new Date().getTime() - sentAt).toBeLessThanOrEqual(1_000);',
    ].join('\n');
    expect(lines(code)).toEqual([1, 2, 3, 4]);
  });

  it('finds a hand-made bound on elapsed time outside a deadline helper', () => {
    const code = ['let elapsed = 0;', 'elapsed = Date.now() - t0;', "if (elapsed > 500) throw new Error('too slow');"].join('\n');
    expect(lines(code)).toEqual([3]);
  });

  it('lets an allow-listed deadline helper compare the clock, and no other function', () => {
    const code = [
      'async function until(probe) {',
      '  const deadline = Date.now() + 60_000;',
      '  while (Date.now() < deadline) if (await probe()) return;',
      '}',
      'const hurry = () => Date.now() < budget;',
    ].join('\n');
    expect(lines(code, ['until'])).toEqual([5]);
    expect(lines(code)).toEqual([3, 5]);
  });

  it('leaves times on the injected clock, calendar fields of now, property names and plain numbers alone', () => {
    const code = [
      "expect(expiresAt.getTime() - Date.parse('2025-12-31T23:50:00Z')).toBeLessThanOrEqual(600_000);",
      'expect(reconnectDelay(20, () => 0.99)).toBeLessThan(RECONNECT_MAX_MS);',
      'expect(clock.now().getTime()).toBeGreaterThan(opensAt);',
      'const email = `staff-${Date.now()}@example.org`;',
      'const now = new Date();',
      'const offset = 12 - now.getUTCHours();',
      "const zone = offset > 0 ? 'east' : 'west';",
      'const message = { createdAt: new Date().toISOString() };',
      'expect(live.message.seq).toBeGreaterThan(resumeFrom);',
    ].join('\n');
    expect(lines(code)).toEqual([]);
  });

  // It parses every test file, so its time grows with the suite: the timeout only ends a hang.
  it('finds no timed assertion in the test suite', { timeout: 60_000 }, () => {
    const found = findTimedAssertionsInSuite(REPO_ROOT).map((f) => `${f.file}:${f.line} ${f.text}`);
    expect(found).toEqual([]);
  });
});
