/**
 * The server as the end-to-end tests run it (and the scale tests, benchmarks and scripts that
 * drive it like a browser would): a real process on a free port with its own SQLite file, open
 * all day every day, with start and sign-in limits no test reaches.
 */
import { launchServer, type ServerOptions, type ServerProcess } from '../../test/support/launcher';

export { addStaffUser, type ServerProcess } from '../../test/support/launcher';

const E2E_ENV = {
  OFFICE_HOURS: 'mon-sun 00:00-24:00',
  // Open every day of the year: a public holiday on the day the tests run must not close it.
  HOLIDAYS: 'none',
  CONVERSATIONS_PER_MINUTE: '1000',
  LOGINS_PER_MINUTE: '1000',
};

export function startServerProcess(env: Record<string, string> = {}, options: Omit<ServerOptions, 'env'> = {}): Promise<ServerProcess> {
  return launchServer({ ...options, env: { ...E2E_ENV, ...env } });
}
