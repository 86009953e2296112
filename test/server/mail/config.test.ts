import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';

describe('mail configuration', () => {
  it('is off by default, with a local sender and public URL', () => {
    const config = loadConfig({});
    expect(config.mail).toEqual({ smtpUrl: undefined, from: 'e-Konsultant <no-reply@localhost>', perRecipientPerDay: 10, sealingKey: 'database:sqlite:./data/e-konsultant.db' });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('takes smtp:// and smtps:// URLs with credentials, and a public origin without its trailing slash', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://user:secret@mail.urzad.example:465', MAIL_FROM: 'Urząd <konsultant@urzad.example>', PUBLIC_URL: 'https://konsultant.urzad.example/' });
    expect(config.mail.smtpUrl).toBe('smtps://user:secret@mail.urzad.example:465');
    expect(config.publicUrl).toBe('https://konsultant.urzad.example');
  });

  it.each([
    ['SMTP_URL', 'http://mail.example'],
    ['PUBLIC_URL', 'konsultant.urzad.example'],
    ['PUBLIC_URL', 'https://konsultant.urzad.example/path'],
    ['LEFT_MESSAGES_PER_HOUR', '0'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  });
});
