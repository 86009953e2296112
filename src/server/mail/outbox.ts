/**
 * The only way the application sends e-mail. A mail is stored first (in the same database as the
 * data it is about), then sent; a failed attempt is recorded and retried with growing pauses by
 * `deliverDue`, which the app runs on an interval (tests call it after moving the clock). A sent
 * mail is deleted, a given-up one by retention a few days later: the outbox holds an address only
 * while it must.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { hashToken } from '../tokens';
import type { Mail, Mailer } from './mailer';
import type { MailOutboxRepository } from './repository';
import { SECRET_PLACEHOLDER, type SecretSealer } from './sealing';
import type { OutboxMail } from './types';

/** Long enough for one SMTP attempt to finish; until then no other instance retries the mail. */
const SEND_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** About two days of retries (the pauses double up to an hour); then it is given up and logged. */
export const MAX_ATTEMPTS = 55;
const DUE_BATCH = 20;

/** The pause after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

export interface OutgoingMail {
  /** Names the mail in logs, e.g. "left-message-confirmation". */
  kind: string;
  /** The desk the mail is about. */
  deskId: string;
  mail: Mail;
  /** A private link's token in the mail: stored sealed, never in its text (sealing.ts). */
  secret?: string;
  /**
   * Beyond MAILS_PER_RECIPIENT_PER_DAY: 'refuse' (the default) throws `mail_limit_reached`, for a
   * write the visitor asks for because of its mail (book, move, leave); 'skip' stores no mail and
   * lets the write go on, for one that must not depend on a mail (a cancel, staff's answer, a reminder).
   */
  overCap?: 'refuse' | 'skip';
}

/** A mail in the outbox, not yet attempted. */
export interface StoredMail {
  row: OutboxMail;
  kind: string;
}

interface StoredAttachment {
  filename: string;
  contentType: string;
  base64: string;
}

export class MailOutbox {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repository: MailOutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    /** MAILS_PER_RECIPIENT_PER_DAY. */
    private readonly perRecipientPerDay: number,
    private readonly sealer: SecretSealer,
  ) {}

  /** False without SMTP_URL: nothing is sent, so nothing may promise an e-mail or keep an address for one. */
  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Stores the mail and starts sending it; resolves once it is stored (not sent). */
  async enqueue(outgoing: OutgoingMail): Promise<void> {
    this.startSending(await this.store(outgoing));
  }

  /**
   * Stores the mail, in `trx` when given: the transaction that writes what the mail is about, so
   * both are stored or neither. Hand the result to `startSending` once `trx` has committed; should
   * that never happen (the process stops first), `deliverDue` sends it when its lease runs out.
   * With mail off, nothing is stored. Beyond MAILS_PER_RECIPIENT_PER_DAY for its address it throws
   * `mail_limit_reached`, which rolls back `trx` and so the write the mail was about, or with
   * `overCap: 'skip'` stores nothing.
   */
  async store(outgoing: OutgoingMail, trx?: Transaction<DatabaseSchema>): Promise<StoredMail | undefined> {
    if (!this.mailer.enabled) {
      this.log.info({ kind: outgoing.kind }, 'e-mail is off: not sent');
      return undefined;
    }
    const { mail } = outgoing;
    const now = this.clock.now();
    const recipientKey = hashToken(mail.to.trim().toLowerCase());
    if (!(await this.repository.countRecipientMail(recipientKey, now.toISOString().slice(0, 10), this.perRecipientPerDay, trx))) {
      if (outgoing.overCap === 'skip') {
        this.log.warn({ kind: outgoing.kind }, 'e-mail not stored: its address had its mails for today');
        return undefined;
      }
      this.log.warn({ kind: outgoing.kind }, 'e-mail refused: its address had its mails for today');
      throw new AppError('mail_limit_reached');
    }
    const { secret } = outgoing;
    const hide = (text: string) => (secret ? text.replaceAll(secret, SECRET_PLACEHOLDER) : text);
    const row: OutboxMail = {
      id: randomUUID(),
      desk_id: outgoing.deskId,
      recipient: mail.to,
      subject: hide(mail.subject),
      text_body: hide(mail.text),
      html_body: hide(mail.html),
      attachments: JSON.stringify(storedAttachments(mail, hide)),
      sealed_secret: secret ? this.sealer.seal(secret) : null,
      created_at: now.toISOString(),
      attempts: 0,
      next_attempt_at: this.leaseEnd(now),
      last_error: null,
      given_up_at: null,
    };
    await this.repository.insert(row, trx);
    return { row, kind: outgoing.kind };
  }

  /** Starts the first attempt at a stored mail (its transaction committed); does not wait for it. */
  startSending(stored: StoredMail | undefined): void {
    if (stored) this.track(this.attempt(stored.row, stored.kind));
  }

  /** Retries every mail that is due; several instances may run it at once. */
  async deliverDue(): Promise<void> {
    if (!this.mailer.enabled) return;
    const due = await this.repository.due(this.clock.now().toISOString(), DUE_BATCH);
    for (const row of due) {
      if (await this.repository.claim(row, this.leaseEnd(this.clock.now()))) {
        await this.attempt(row, 'retry');
      }
    }
  }

  /** Runs `deliverDue` every `intervalMs` (one run at a time); returns the function that stops it. */
  startRetrying(intervalMs: number): () => void {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= this.deliverDue()
        .catch((error: unknown) => this.log.error({ err: error }, 'e-mail retry failed'))
        .finally(() => (running = undefined));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Resolves when the sending attempts started so far have finished (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async attempt(row: OutboxMail, kind: string): Promise<void> {
    try {
      await this.mailer.send(mailOf(row, this.sealer));
    } catch (error) {
      await this.recordFailure(row, kind, error);
      return;
    }
    await this.repository.delete(row.id);
    this.log.info({ kind, mailId: row.id, attempts: row.attempts + 1 }, 'e-mail sent');
  }

  private async recordFailure(row: OutboxMail, kind: string, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const givenUp = attempts >= MAX_ATTEMPTS;
    const next = givenUp ? null : new Date(this.clock.now().getTime() + retryDelayMs(attempts)).toISOString();
    const reason = failureReason(error);
    await this.repository.recordFailure(row.id, { attempts, next_attempt_at: next, last_error: reason, given_up_at: givenUp ? this.clock.now().toISOString() : null });
    // The error's message may quote the recipient, so only its code is logged.
    this.log.warn({ kind, mailId: row.id, attempts, reason, givenUp }, 'e-mail not sent');
  }

  private leaseEnd(now: Date): string {
    return new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  }

  private track(attempt: Promise<void>): void {
    const tracked = attempt
      .catch((error: unknown) => this.log.error({ err: error }, 'e-mail outbox failed'))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

/**
 * Text attachments (the calendar file carries the link too) pass through `hide` before they are
 * stored. A calendar file is unfolded first: its long lines are split every 75 octets, which cuts
 * the token in two, and `hide` would not find it.
 */
function storedAttachments(mail: Mail, hide: (text: string) => string): StoredAttachment[] {
  return (mail.attachments ?? []).map(({ filename, contentType, content }) => {
    const text = contentType.startsWith('text/') ? Buffer.from(content).toString('utf8') : undefined;
    const hidden = text === undefined ? content : hide(isCalendar(contentType) ? unfoldCalendar(text) : text);
    return { filename, contentType, base64: Buffer.from(hidden).toString('base64') };
  });
}

function isCalendar(contentType: string): boolean {
  return contentType.startsWith('text/calendar');
}

/** RFC 5545 §3.1: a line break followed by a space or a tab continues the line. */
function unfoldCalendar(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and a space; a character is never cut. */
function foldCalendar(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      const parts: string[] = [];
      let part = '';
      let octets = 0;
      for (const char of line) {
        const size = Buffer.byteLength(char);
        // A continuation line's leading space counts towards its 75 octets.
        if (octets + size > (parts.length === 0 ? 75 : 74)) {
          parts.push(part);
          part = '';
          octets = 0;
        }
        part += char;
        octets += size;
      }
      parts.push(part);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}

/** The mail as sent: the sealed token, if any, back in place of its placeholder. */
function mailOf(row: OutboxMail, sealer: SecretSealer): Mail {
  const secret = row.sealed_secret === null ? undefined : sealer.open(row.sealed_secret);
  const show = (text: string) => (secret === undefined ? text : text.replaceAll(SECRET_PLACEHOLDER, secret));
  const attachments = (JSON.parse(row.attachments) as StoredAttachment[]).map(({ filename, contentType, base64 }) => {
    const content = Buffer.from(base64, 'base64');
    if (!contentType.startsWith('text/')) return { filename, contentType, content };
    const shown = show(content.toString('utf8'));
    return { filename, contentType, content: Buffer.from(isCalendar(contentType) ? foldCalendar(shown) : shown) };
  });
  return { to: row.recipient, subject: show(row.subject), text: show(row.text_body), html: show(row.html_body), attachments };
}

/** An SMTP reply code (e.g. "421") or a network error code (e.g. "ECONNREFUSED"). */
function failureReason(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  return String(responseCode ?? code ?? 'unknown').slice(0, 40);
}
