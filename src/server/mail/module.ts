import { defineModule } from '../module';
import { createMailer, type Mailer } from './mailer';
import { mailMigrations } from './migrations';
import { MailOutbox } from './outbox';
import { MailOutboxRepository } from './repository';
import { SecretSealer } from './sealing';

declare module '../module' {
  interface Services {
    /** Every e-mail goes through it: stored, sent, retried. */
    mail: MailOutbox;
  }
  interface ModuleContext {
    /** Set by tests; otherwise built from config.mail. */
    mailer: Mailer | undefined;
  }
}

/** How often stored mails whose sending failed are tried again. */
const MAIL_RETRY_INTERVAL_MS = 60_000;

export const mailModule = defineModule({
  name: 'mail',
  migrations: mailMigrations,
  create({ config, database, clock, log, mailer: givenMailer }) {
    const mailer = givenMailer ?? createMailer(config.mail, log);
    const mail = new MailOutbox(new MailOutboxRepository(database.db), mailer, clock, log, config.mail.perRecipientPerDay, new SecretSealer(config.mail.sealingKey));
    return {
      services: { mail },
      jobs: [
        {
          name: 'mail retries',
          start: () => {
            const stopRetries = mail.startRetrying(MAIL_RETRY_INTERVAL_MS);
            return async () => {
              stopRetries();
              await mail.settled();
              mailer.close();
            };
          },
        },
      ],
    };
  },
});
