import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../../../src/server/db/schema';
import type { MailOutbox, OutgoingMail } from '../../../src/server/mail/outbox';

/**
 * The server's real outbox, except that the database refuses every mail it stores (or those `refuses` picks): each is for a
 * desk that does not exist (a foreign-key violation). Shows that a write and its mail are stored
 * together or not at all.
 */
export function refusingOutbox(
  outbox: MailOutbox,
  /** Which mails the database refuses; the others are stored as usual. */
  refuses: (outgoing: OutgoingMail) => boolean = () => true,
): Pick<MailOutbox, 'store' | 'startSending' | 'enabled'> {
  return {
    enabled: outbox.enabled,
    store: (outgoing: OutgoingMail, trx?: Transaction<DatabaseSchema>) => outbox.store(refuses(outgoing) ? { ...outgoing, deskId: 'no-such-desk' } : outgoing, trx),
    startSending: (stored) => outbox.startSending(stored),
  };
}
