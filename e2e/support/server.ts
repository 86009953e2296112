/**
 * The server as the end-to-end tests run it (and the scale tests, benchmarks and scripts that
 * drive it like a browser would): a real process on a free port with its own SQLite file, open
 * all day every day, with start and sign-in limits no test reaches, and admins and supervisors
 * signed in with a password alone (e2e/two-factor.e2e.test.ts turns the second factor on).
 */
import { launchServer, type ServerOptions, type ServerProcess } from '../../test/support/launcher';

export { addStaffUser, type ServerProcess } from '../../test/support/launcher';

/** Open all day every day of the year: a public holiday on the day a test or benchmark runs must not close it. */
export const ALWAYS_OPEN = { OFFICE_HOURS: 'mon-sun 00:00-24:00', HOLIDAYS: 'none' };

const E2E_ENV = {
  ...ALWAYS_OPEN,
  CONVERSATIONS_PER_MINUTE: '1000',
  LOGINS_PER_MINUTE: '1000',
  STAFF_2FA_REQUIRED_ROLES: 'none',
};

export function startServerProcess(env: Record<string, string> = {}, options: Omit<ServerOptions, 'env'> = {}): Promise<ServerProcess> {
  return launchServer({ ...options, env: { ...E2E_ENV, ...env } });
}
