import type { Selectable } from 'kysely';
import type { MailOutboxTable } from './tables';

/** A mail waiting in the outbox: what is sent, how often it failed, when it is due (fields named as the columns). */
export type OutboxMail = Selectable<MailOutboxTable>;
