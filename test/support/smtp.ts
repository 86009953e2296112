/**
 * A real SMTP server on 127.0.0.1 (a free port, no TLS, any or no login) that keeps what it
 * receives, parsed with mailparser. Use:
 *
 *   const smtp = await startSmtpServer();
 *   startServer(url, { SMTP_URL: smtp.url });     // point the app at it
 *   const mail = await smtp.nextMail();            // the next mail not yet taken (waits up to 5 s)
 *   mail.to, mail.subject, mail.text, mail.html, mail.attachments, mail.language
 *   smtp.refuse(true);                             // answer 451 to every mail (an outage), false to stop
 *   await smtp.close();
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { HUNG_AFTER_MS } from './deadline';

export interface ReceivedMail {
  /** The envelope recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The HTML part's `<html lang>`, i.e. the language the mail was written in. */
  language: string | null;
  attachments: ParsedMail['attachments'];
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  url: string;
  nextMail(timeoutMs?: number): Promise<ReceivedMail>;
  /** Mails received and not yet taken by nextMail. */
  pending(): number;
  refuse(refusing: boolean): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<(mail: ReceivedMail) => void> = [];
  let refusing = false;

  const deliver = (mail: ReceivedMail) => {
    const waiter = waiters.shift();
    if (waiter) waiter(mail);
    else received.push(mail);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onMailFrom: (_address, _session, callback) => {
      if (!refusing) return callback();
      const error = Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 });
      callback(error);
    },
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const html = typeof parsed.html === 'string' ? parsed.html : '';
          deliver({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html,
            language: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1] ?? null,
            attachments: parsed.attachments,
            parsed,
          });
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `smtp://127.0.0.1:${port}`,
    nextMail(timeoutMs = HUNG_AFTER_MS) {
      const ready = received.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(onMail), 1);
          reject(new Error(`no mail arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        const onMail = (mail: ReceivedMail) => {
          clearTimeout(timer);
          resolve(mail);
        };
        waiters.push(onMail);
      });
    },
    pending: () => received.length,
    refuse(value) {
      refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
