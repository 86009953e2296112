import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TOPICS, loadConfig } from '../../src/server/config';

/** Loads the configuration from `env` and returns the ConfigError it must throw. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadConfig defaults', () => {
  const config = loadConfig({});

  it('listens on port 3000 with a local SQLite database', () => {
    expect(config.port).toBe(3000);
    // Node's own 511 overflowed under the reconnect storm (bench/storm.ts): 2,000 clients at once.
    expect(config.listenBacklog).toBe(4096);
    expect(config.databaseUrl).toMatch(/^sqlite:/);
  });

  it('is the original e-Konsultant: Europe/Warsaw, Monday to Friday 11:00-14:00', () => {
    expect(config.desk.timeZone).toBe('Europe/Warsaw');
    expect(config.desk.hours).toHaveLength(5);
    expect(config.desk.hours.map((h) => h.weekday)).toEqual([1, 2, 3, 4, 5]);
    for (const interval of config.desk.hours) expect(interval).toMatchObject({ start: '11:00', end: '14:00' });
  });

  it('offers four languages with Polish first and by default, and the 15 topics', () => {
    expect(config.desk.languages).toEqual(['pl', 'en', 'uk', 'ru']);
    expect(config.desk.defaultLanguage).toBe('pl');
    expect(config.desk.topics).toHaveLength(15);
    expect(config.desk.topics).toEqual([...DEFAULT_TOPICS]);
  });

  it('limits a message to 4000 characters', () => {
    expect(config.limits.maxMessageLength).toBe(4000);
  });

  it('is frozen, with its nested parts', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.desk)).toBe(true);
    expect(Object.isFrozen(config.desk.languages)).toBe(true);
    expect(Object.isFrozen(config.desk.hours)).toBe(true);
    expect(Object.isFrozen(config.desk.topics)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('loadConfig reads the environment', () => {
  it('requires a second factor of admins and supervisors unless STAFF_2FA_REQUIRED_ROLES says otherwise (`none`: nobody, as in the test suites)', () => {
    expect(loadConfig({}).staffTwoFactorRequiredRoles).toEqual(['admin', 'supervisor']);
    // An empty value is "not set": the secure default, not "nobody".
    expect(loadConfig({ STAFF_2FA_REQUIRED_ROLES: '' }).staffTwoFactorRequiredRoles).toEqual(['admin', 'supervisor']);
    expect(loadConfig({ STAFF_2FA_REQUIRED_ROLES: 'none' }).staffTwoFactorRequiredRoles).toEqual([]);
    expect(loadConfig({ STAFF_2FA_REQUIRED_ROLES: 'admin, supervisor, consultant' }).staffTwoFactorRequiredRoles).toEqual(['admin', 'supervisor', 'consultant']);
    expect(() => loadConfig({ STAFF_2FA_REQUIRED_ROLES: 'root' })).toThrow(ConfigError);
  });

  it('offers the staff languages by default, and any language of languages.json when LANGUAGES names it', () => {
    expect(loadConfig({}).desk.languages).toEqual(['pl', 'en', 'uk', 'ru']);
    expect(loadConfig({ LANGUAGES: 'pl,ar,es,be,ka,vi,tr', DEFAULT_LANGUAGE: 'ar' }).desk.languages).toEqual(['pl', 'ar', 'es', 'be', 'ka', 'vi', 'tr']);
  });

  it('takes the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://user@db/konsultant',
      OFFICE_TIME_ZONE: 'America/New_York',
      OFFICE_HOURS: 'mon-thu 08:00-12:00,13:00-15:00; fri 09:00-12:00',
      LANGUAGES: 'en, uk',
      DEFAULT_LANGUAGE: 'uk',
      TOPICS: 'work,other',
      MAX_MESSAGE_LENGTH: '500',
      LISTEN_BACKLOG: '1024',
    });
    expect(config.port).toBe(8080);
    expect(config.listenBacklog).toBe(1024);
    expect(config.databaseUrl).toBe('postgres://user@db/konsultant');
    expect(config.desk.timeZone).toBe('America/New_York');
    expect(config.desk.hours).toHaveLength(9);
    expect(config.desk.languages).toEqual(['en', 'uk']);
    expect(config.desk.defaultLanguage).toBe('uk');
    expect(config.desk.topics).toEqual(['work', 'other']);
    expect(config.limits.maxMessageLength).toBe(500);
  });

  it('treats an empty value (PORT= in an env file) as not set', () => {
    const config = loadConfig({ PORT: '', REDIS_URL: '', OFFICE_HOURS: '' });
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
    expect(config.desk.hours).toHaveLength(5);
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x' }).databaseUrl).toBe('postgresql://db/x');
  });

  it('drops repeated languages and topics', () => {
    const config = loadConfig({ LANGUAGES: 'pl,en,pl', TOPICS: 'work,work,other' });
    expect(config.desk.languages).toEqual(['pl', 'en']);
    expect(config.desk.topics).toEqual(['work', 'other']);
  });
});

describe('machine translation settings', () => {
  it('has no engine by default: translation is off', () => {
    const { translation } = loadConfig({});
    expect(translation).toMatchObject({ engine: undefined, url: undefined, autoLanguages: [], defaultStaffLanguage: 'pl', patienceMs: 2000 });
  });

  it('reads the engine, its address without a trailing slash, and the languages translated by default', () => {
    const { translation } = loadConfig({
      TRANSLATION_ENGINE: 'libretranslate',
      TRANSLATION_URL: 'http://127.0.0.1:5000/',
      TRANSLATION_API_KEY: 'key',
      TRANSLATION_AUTO_LANGUAGES: 'es, be,es',
      TRANSLATION_STAFF_LANGUAGE: 'ru',
    });
    expect(translation).toMatchObject({ engine: 'libretranslate', url: 'http://127.0.0.1:5000', apiKey: 'key', autoLanguages: ['es', 'be'], defaultStaffLanguage: 'ru' });
  });

  it.each([
    [{ TRANSLATION_ENGINE: 'apertium' }, 'TRANSLATION_ENGINE and TRANSLATION_URL'],
    [{ TRANSLATION_URL: 'http://127.0.0.1:2737' }, 'TRANSLATION_ENGINE and TRANSLATION_URL'],
    [{ TRANSLATION_ENGINE: 'deepl', TRANSLATION_URL: 'http://x' }, 'TRANSLATION_ENGINE'],
    [{ TRANSLATION_ENGINE: 'apertium', TRANSLATION_URL: 'ftp://x' }, 'TRANSLATION_URL'],
    [{ TRANSLATION_AUTO_LANGUAGES: 'Spanish' }, 'TRANSLATION_AUTO_LANGUAGES'],
  ])('refuses %j', (env, named) => {
    expect(configError(env).message).toContain(named);
  });
});

describe('loadConfig rejects bad values with a ConfigError that names the variable', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['OFFICE_TIME_ZONE', { OFFICE_TIME_ZONE: 'Mars/Base' }],
    ['OFFICE_HOURS', { OFFICE_HOURS: 'mon 14:00-11:00' }],
    ['LANGUAGES', { LANGUAGES: 'pl,de' }],
    ['LANGUAGES', { LANGUAGES: ' , ' }],
    ['DEFAULT_LANGUAGE', { DEFAULT_LANGUAGE: 'de' }],
    ['DEFAULT_LANGUAGE', { LANGUAGES: 'pl,en', DEFAULT_LANGUAGE: 'ru' }],
    ['TOPICS', { TOPICS: 'Work Permits' }],
    ['MAX_MESSAGE_LENGTH', { MAX_MESSAGE_LENGTH: '0' }],
    ['MAX_MESSAGE_LENGTH', { MAX_MESSAGE_LENGTH: '20001' }],
  ])('%s in %j', (variable, env) => {
    const error = configError(env);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${variable}\\b`));
    expect(error.message).toContain(variable);
  });

  it('explains what is wrong with the office hours', () => {
    expect(configError({ OFFICE_HOURS: 'mon 14:00-11:00' }).message).toContain('"14:00-11:00" ends before it starts');
  });

  it('explains that the default language is not offered', () => {
    expect(configError({ LANGUAGES: 'pl,en', DEFAULT_LANGUAGE: 'ru' }).message).toMatch(/ru is not in LANGUAGES/);
  });

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', MAX_MESSAGE_LENGTH: '0' });
    expect(error.problems.map((p) => p.split(/[.:]/)[0])).toEqual(['PORT', 'DATABASE_URL', 'MAX_MESSAGE_LENGTH']);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, one hop for true, a hop count, or the listed proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', '::1', 'loopback']);
  });

  it('refuses what is neither a count nor addresses', () => {
    expect(configError({ TRUST_PROXY: '10.0.0.0/33' }).problems[0]).toMatch(/^TRUST_PROXY:/);
    expect(configError({ TRUST_PROXY: 'everyone' }).problems[0]).toMatch(/^TRUST_PROXY:/);
  });
});
