/**
 * Findings 2 and 3: guesses at one account are counted per account in the database, so every
 * instance sees them (a growing lock, audited, the owner told on their next sign-in); and password
 * hashing is bounded, so a flood of sign-ins is refused quickly instead of starving the server.
 */
import { describe, expect, it } from 'vitest';
import { STAFF_PASSWORD, twoInstancesForSuite, serverForSuite, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

const OPEN_LIMITS = { LOGINS_PER_MINUTE: '100000' };

function signIn(server: TestServer, email: string, password: string) {
  return server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

async function addAdmin(server: TestServer, email: string) {
  return server.app.auth.addUser({ deskId: server.app.desk.id, email, name: 'Admin', role: 'admin', languages: ['pl'], password: STAFF_PASSWORD });
}

describe.each(databaseTargets)('per-account sign-in protection on $engine', (target) => {
  const instances = twoInstancesForSuite(target, OPEN_LIMITS);
  const advanceBoth = (ms: number) => instances().forEach((instance) => instance.clock.advance(ms));

  it('locks an account after repeated wrong passwords on any instance, even for the right password, for a growing time', async () => {
    const [first, second] = instances();
    const email = 'lock-me@example.org';
    await addAdmin(first, email);
    for (let guess = 0; guess < 5; guess++) {
      const response = await signIn(guess % 2 ? first : second, email, `wrong guess ${guess}!!`);
      expect(response.json().code).toBe('invalid_credentials');
    }
    const locked = await signIn(first, email, STAFF_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('sign_in_locked');
    expect((await signIn(second, email, STAFF_PASSWORD)).json().code).toBe('sign_in_locked');

    advanceBoth(31_000);
    expect((await signIn(second, email, 'one more wrong!!')).json().code).toBe('invalid_credentials');
    advanceBoth(31_000);
    // The sixth failure locks for twice as long as the fifth.
    expect((await signIn(first, email, STAFF_PASSWORD)).json().code).toBe('sign_in_locked');
    advanceBoth(30_000);
    const accepted = await signIn(first, email, STAFF_PASSWORD);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().failedSignIns).toMatchObject({ count: 6 });

    const again = await signIn(second, email, STAFF_PASSWORD);
    expect(again.json().failedSignIns).toBeUndefined();
    const audit = await first.app.audit.page(first.app.desk.id, { limit: 50, action: 'staff.sign_in_locked' });
    expect(audit.entries.length).toBe(2);
  });

  it('treats an unknown address like a known one, so the lock tells nothing about who has an account', async () => {
    const [first] = instances();
    for (let guess = 0; guess < 5; guess++) await signIn(first, 'nobody-here@example.org', 'wrong guess!!!!');
    expect((await signIn(first, 'nobody-here@example.org', 'wrong guess!!!!')).json().code).toBe('sign_in_locked');
  });
});

describe.each(databaseTargets)('bounded password hashing on $engine', (target) => {
  const suiteServer = serverForSuite(target, { ...OPEN_LIMITS, PASSWORD_HASHES_AT_ONCE: '1' });

  it('refuses sign-ins beyond the hashing bound and its short queue at once with busy (503, Retry-After), and serves them again afterwards', async () => {
    const server = suiteServer();
    // One hashing, four waiting: of twelve at once, some are refused.
    const flood = await Promise.all(Array.from({ length: 12 }, (_, n) => signIn(server, `flood${n}@example.org`, 'wrong guess!!!!')));
    const codes = flood.map((response) => response.json().code);
    expect(codes).toContain('busy');
    expect(codes).toContain('invalid_credentials');
    const refused = flood.find((response) => response.json().code === 'busy');
    expect(refused?.statusCode).toBe(503);
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    expect((await signIn(server, 'after@example.org', 'wrong guess!!!!')).json().code).toBe('invalid_credentials');
  });
});
