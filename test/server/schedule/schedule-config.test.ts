import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';

describe('schedule configuration', () => {
  it('defaults: 10 last-entry minutes, no service period, Polish holidays without corrections', () => {
    expect(loadConfig({}).schedule).toEqual({
      lastEntryMinutes: 10,
      serviceStart: null,
      serviceEnd: null,
      holidays: 'pl',
      holidaysExtra: [],
      holidaysRemoved: [],
    });
  });

  it('reads the service period, the corrections and the last-entry minutes', () => {
    const config = loadConfig({
      SERVICE_START: '2026-03-01',
      SERVICE_END: '2026-12-31',
      HOLIDAYS_EXTRA: '2026-11-10, 2026-12-31',
      HOLIDAYS_REMOVED: '2026-01-06',
      LAST_ENTRY_MINUTES: '0',
      HOLIDAYS: 'none',
    });
    expect(config.schedule).toEqual({
      lastEntryMinutes: 0,
      serviceStart: '2026-03-01',
      serviceEnd: '2026-12-31',
      holidays: 'none',
      holidaysExtra: ['2026-11-10', '2026-12-31'],
      holidaysRemoved: ['2026-01-06'],
    });
    expect(Object.isFrozen(config.schedule)).toBe(true);
  });

  it.each([
    ['SERVICE_START', '2026-02-30'],
    ['SERVICE_END', '1.03.2026'],
    ['HOLIDAYS_EXTRA', '2026-11-10,tomorrow'],
    ['HOLIDAYS_REMOVED', '2026-13-01'],
    ['LAST_ENTRY_MINUTES', '-5'],
    ['HOLIDAYS', 'de'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('rejects a service that ends before it starts', () => {
    expect(() => loadConfig({ SERVICE_START: '2026-03-01', SERVICE_END: '2026-02-28' })).toThrow(ConfigError);
  });
});
