import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../src/web/common/attachments/format-size';
import { checkFile, worthRetrying, type FileLimits } from '../../src/web/common/attachments/uploads';

describe('formatFileSize', () => {
  it('uses decimal units in the reader’s language, and spells bytes out', () => {
    expect(formatFileSize(512, 'en')).toBe('512 bytes');
    expect(formatFileSize(512, 'pl')).toBe('512 bajtów');
    expect(formatFileSize(250_000, 'en')).toBe('250 kB');
    expect(formatFileSize(2_400_000, 'pl')).toBe('2,4 MB');
    expect(formatFileSize(10 * 1024 * 1024, 'en')).toBe('10 MB');
    expect(formatFileSize(1_500, 'uk')).toMatch(/^1,5\s?кБ$/);
  });
});

describe('checkFile', () => {
  const limits: FileLimits = { maxBytes: 1000, types: ['image/jpeg', 'application/pdf'], perConversation: 20 };
  const file = (size: number, type: string) => new File([new Uint8Array(size)], 'x', { type });

  it('refuses what the browser can already tell is too large or not allowed', () => {
    expect(checkFile(file(1001, 'application/pdf'), limits)).toBe('file_too_large');
    expect(checkFile(file(10, 'text/html'), limits)).toBe('file_type_not_allowed');
    expect(checkFile(file(10, 'image/svg+xml'), limits)).toBe('file_type_not_allowed');
  });

  it('leaves the rest to the server, which decides by content', () => {
    expect(checkFile(file(1000, 'image/jpeg'), limits)).toBeNull();
    expect(checkFile(file(10, ''), limits)).toBeNull();
  });

  it('lets iPhone photos through where JPEG is allowed (the server converts them), not elsewhere', () => {
    expect(checkFile(file(10, 'image/heic'), limits)).toBeNull();
    expect(checkFile(file(10, 'image/heif'), limits)).toBeNull();
    expect(checkFile(file(10, 'image/heic'), { ...limits, types: ['application/pdf'] })).toBe('file_type_not_allowed');
  });
});

describe('worthRetrying', () => {
  it('keeps "try again" for what may pass later, never for a refusal of the file itself', () => {
    for (const code of ['network', 'busy', 'rate_limited', 'storage_full'] as const) expect(worthRetrying(code)).toBe(true);
    for (const code of ['file_type_not_allowed', 'file_too_large', 'file_unreadable', 'too_many_files', 'file_quota_exceeded', 'upload_quota_exceeded'] as const) {
      expect(worthRetrying(code)).toBe(false);
    }
  });
});
