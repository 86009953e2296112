import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';

describe('file and retention configuration', () => {
  it('defaults to 10 MB, photos and PDF, 20 files and 50 MB per conversation, 200 MB per address a day, a year of retention', () => {
    const config = loadConfig({});
    expect(config.files).toEqual({
      maxBytes: 10 * 1024 * 1024,
      types: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      perConversation: 20,
      bytesPerConversation: 50 * 1024 * 1024,
      bytesPerAddressPerDay: 200 * 1024 * 1024,
      minFreeBytes: 1024 ** 3,
      freeSpacePath: './data',
    });
    expect(config.retentionDays).toBe(365);
    expect(config.auditRetentionDays).toBe(730);
  });

  it('takes a subset of the types, and 0 for no files or no deletion', () => {
    const config = loadConfig({ FILE_TYPES: 'application/pdf, image/jpeg', FILES_PER_CONVERSATION: '0', RETENTION_DAYS: '0', FILE_MAX_BYTES: '2000000' });
    expect(config.files).toMatchObject({ maxBytes: 2_000_000, types: ['application/pdf', 'image/jpeg'], perConversation: 0 });
    expect(config.retentionDays).toBe(0);
  });

  it('never accepts SVG, HTML or an unknown type, nor a negative retention', () => {
    for (const env of [{ FILE_TYPES: 'image/svg+xml' }, { FILE_TYPES: 'text/html' }, { FILE_TYPES: 'image/jpeg,image/gif' }, { RETENTION_DAYS: '-1' }, { FILE_MAX_BYTES: 'ten' }]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
