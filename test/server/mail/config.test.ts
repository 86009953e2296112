import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';
import { createMailer } from '../../../src/server/mail/mailer';

describe('mail configuration', () => {
  it('is off by default, with a local sender and public URL', () => {
    const config = loadConfig({});
    expect(config.mail).toEqual({ smtpUrl: undefined, from: 'e-Konsultant <no-reply@localhost>', perRecipientPerDay: 10, sealingKey: 'database:sqlite:./data/e-konsultant.db', sealingKeyDerived: true });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('takes smtp:// and smtps:// URLs with credentials, and a public origin without its trailing slash', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://user:secret@mail.urzad.example:465', MAIL_FROM: 'Urząd <konsultant@urzad.example>', PUBLIC_URL: 'https://konsultant.urzad.example/' });
    expect(config.mail.smtpUrl).toBe('smtps://user:secret@mail.urzad.example:465');
    expect(config.publicUrl).toBe('https://konsultant.urzad.example');
  });

  it('warns at start-up when mail is on and the outbox sealing key is only derived', () => {
    const warnings = (env: Record<string, string>) => {
      const logged: string[] = [];
      const log = { warn: (message: string) => void logged.push(message) } as unknown as FastifyBaseLogger;
      createMailer(loadConfig(env).mail, log).close();
      return logged.filter((message) => message.includes('OUTBOX_SEALING_KEY'));
    };
    expect(warnings({ SMTP_URL: 'smtp://mail.example:25' })).toHaveLength(1);
    expect(warnings({ SMTP_URL: 'smtp://mail.example:25', OUTBOX_SEALING_KEY: 'a key of at least thirty-two characters' })).toEqual([]);
    expect(warnings({})).toEqual([]); // mail off: its own warning says so
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
