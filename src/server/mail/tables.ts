/**
 * Mails stored before they are sent; a row is deleted once the SMTP server has accepted it, or by
 * retention some days after it was given up.
 */
export interface MailOutboxTable {
  id: string;
  /** The desk the mail is about; null only for mails stored before migration 0012. */
  desk_id: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON: [{filename, contentType, base64}] */
  attachments: string;
  created_at: string;
  attempts: number;
  /** When the next attempt is due (also a lease while one instance is sending it); null: given up. */
  next_attempt_at: string | null;
  /** Why the last attempt failed: an SMTP response code or a network error code, never an address. */
  last_error: string | null;
  /** When it was given up; retention deletes it a while later (src/server/retention/). */
  given_up_at: string | null;
  /**
   * The private link's token, sealed (sealing.ts), when the mail carries one: subject, bodies and
   * text attachments hold SECRET_PLACEHOLDER instead, and the token is put back only to send.
   */
  sealed_secret: string | null;
}

/**
 * Mails stored for one address on one UTC day, so that no client can make the desk mail an
 * address without end (moving a booking, leaving messages). In the database, so the count holds
 * across instances; retention deletes past days.
 */
export interface MailRecipientDaysTable {
  /** SHA-256 of the lower-cased address: the count needs no readable address. */
  recipient_key: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  mails: number;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
  mail_recipient_days: MailRecipientDaysTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends MailTables {}
}
