/**
 * The Redis the tests of shared limits and fan-out run against (TEST_REDIS_URL, set by .ci/run).
 * In CI (CI=true) a missing TEST_REDIS_URL is an error, not a skip; locally the skip says why.
 */
export const redisUrl = process.env.TEST_REDIS_URL;

if (!redisUrl) {
  if (process.env.CI) throw new Error('TEST_REDIS_URL must be set in CI: the tests through Redis may not be skipped.');
  console.warn('[redis] TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379): the tests through a real Redis are skipped.');
}
