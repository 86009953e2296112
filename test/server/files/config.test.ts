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
      virusScan: null,
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

  it('scans uploads with clamd at CLAMAV_URL, over TCP or a unix socket, and refuses any other address', () => {
    expect(loadConfig({ CLAMAV_URL: 'tcp://127.0.0.1:3310' }).files.virusScan).toEqual({ address: { host: '127.0.0.1', port: 3310 }, timeoutMs: 30_000, retrySeconds: 30 });
    expect(loadConfig({ CLAMAV_URL: 'tcp://[::1]:3310' }).files.virusScan?.address).toEqual({ host: '::1', port: 3310 });
    expect(loadConfig({ CLAMAV_URL: 'unix:/run/clamav/clamd.ctl' }).files.virusScan?.address).toEqual({ path: '/run/clamav/clamd.ctl' });
    for (const url of ['http://127.0.0.1:3310', 'tcp://127.0.0.1', 'tcp://127.0.0.1:0', 'tcp://127.0.0.1:70000', 'unix:relative.ctl']) {
      expect(() => loadConfig({ CLAMAV_URL: url }), url).toThrow(ConfigError);
    }
  });
});
