import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from '../../../src/server/files/names';

describe('sanitiseFileName', () => {
  it('keeps a plain name and a matching extension', () => {
    expect(sanitiseFileName('Decyzja 2026.pdf', 'application/pdf')).toBe('Decyzja 2026.pdf');
    expect(sanitiseFileName('IMG_0001.JPEG', 'image/jpeg')).toBe('IMG_0001.jpeg');
    expect(sanitiseFileName('Паспорт.png', 'image/png')).toBe('Паспорт.png');
  });

  it('keeps only the last path segment, either slash', () => {
    expect(sanitiseFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\ola\\scan.pdf', 'application/pdf')).toBe('scan.pdf');
    expect(sanitiseFileName('..', 'application/pdf')).toBe('file.pdf');
    expect(sanitiseFileName('', 'image/webp')).toBe('file.webp');
  });

  it('gives the name the extension of what the content is', () => {
    expect(sanitiseFileName('scan.jpg', 'application/pdf')).toBe('scan.pdf');
    expect(sanitiseFileName('photo.png', 'image/jpeg')).toBe('photo.jpg');
    expect(sanitiseFileName('v1.2 final', 'application/pdf')).toBe('v1.2 final.pdf');
  });

  it('drops control characters, bidi overrides and leading dots', () => {
    expect(sanitiseFileName('a\u0000b\r\nc.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('invoice\u202efdp.exe', 'application/pdf')).toBe('invoicefdp.pdf');
    expect(sanitiseFileName('.hidden.pdf', 'application/pdf')).toBe('hidden.pdf');
  });

  it('caps the length, extension included, without splitting a character', () => {
    const name = sanitiseFileName(`${'ж'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('ж.pdf')).toBe(true);
    expect([...sanitiseFileName(`${'😀'.repeat(200)}.png`, 'image/png')].length).toBe(MAX_FILE_NAME_LENGTH);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII stand-in and the real name in RFC 5987 form', () => {
    expect(contentDisposition('attachment', 'Wniosek "pilny" 100%.pdf')).toBe(
      `attachment; filename="Wniosek _pilny_ 100_.pdf"; filename*=UTF-8''Wniosek%20%22pilny%22%20100%25.pdf`,
    );
    expect(contentDisposition('inline', "Zaświadczenie (kopia)'s.png")).toBe(
      `inline; filename="Za_wiadczenie (kopia)'s.png"; filename*=UTF-8''Za%C5%9Bwiadczenie%20%28kopia%29%27s.png`,
    );
  });
});
