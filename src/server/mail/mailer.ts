/**
 * Outgoing e-mail. One interface; nodemailer over SMTP when SMTP_URL is set, otherwise a mailer
 * that sends nothing, so that a desk without a mail server still runs (the README says what it
 * loses). Send through the MailOutbox (outbox.ts), which stores a mail before sending it.
 */
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

export interface MailAttachment {
  filename: string;
  /** Text (e.g. an .ics calendar file) or bytes. */
  content: string | Buffer;
  contentType: string;
}

export interface Mail {
  to: string;
  /** Never personal data: no name, no message text (subjects show in lists and logs of mail servers). */
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** False when no SMTP server is configured: nothing is sent or stored for sending. */
  readonly enabled: boolean;
  /** Resolves once the SMTP server accepted the mail; rejects on any failure. */
  send(mail: Mail): Promise<void>;
  close(): void;
}

const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(mail: Config['mail'], log: FastifyBaseLogger): Mailer {
  if (!mail.smtpUrl) {
    log.warn('SMTP_URL is not set: e-mail is off (no confirmations, booking e-mails or answers by e-mail)');
    return { enabled: false, send: async () => {}, close: () => {} };
  }
  if (mail.sealingKeyDerived) {
    log.warn('OUTBOX_SEALING_KEY is not set: private links in mails waiting to be sent are sealed with a key derived from DATABASE_URL, which protects little; set your own key');
  }
  const transport = nodemailer.createTransport({ url: mail.smtpUrl, ...SMTP_TIMEOUTS });
  return {
    enabled: true,
    async send({ to, subject, text, html, attachments }) {
      await transport.sendMail({ from: mail.from, to, subject, text, html, attachments });
    },
    close: () => transport.close(),
  };
}
