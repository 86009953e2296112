/** The only place that speaks SQL about deleting old personal data. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';

/**
 * Each method deletes up to `limit` rows past `cutoff` (ISO) and returns how many went. Safe to run
 * on several instances at once: a row another instance deleted first is simply not there.
 */
export class RetentionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Conversations closed before `cutoff`, and with them, by ON DELETE CASCADE, their messages and files. */
  async deleteClosedBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('conversations')
      .where('id', 'in', (eb) =>
        eb.selectFrom('conversations').select('id').where('status', '=', 'closed').where('closed_at', '<', cutoff).limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Conversations never closed (waiting or active, their visitor and consultant long gone) that
   * started before `cutoff` and have had no message since: their messages and files go by cascade.
   */
  async deleteAbandonedBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('conversations')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('conversations as c')
          .select('c.id')
          .where('c.status', '<>', 'closed')
          .where('c.created_at', '<', cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('messages').select('messages.seq').whereRef('messages.conversation_id', '=', 'c.id').where('messages.created_at', '>=', cutoff))),
          )
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Left messages closed, or last answered and left open, before `cutoff`, and new ones (never
   * answered, or made new again by a visitor's reply) with nothing in them since: an unanswered
   * message's e-mail address is kept no longer than an answered one's.
   */
  async deleteLeftMessagesDoneBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('left_messages')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('left_messages')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'closed'), w('closed_at', '<', cutoff)]),
              w.and([w('status', '=', 'answered'), w('last_answered_at', '<', cutoff)]),
              // New: never answered, or made new again by a reply; kept while anything in it is recent.
              w.and([
                w('status', '=', 'new'),
                w('created_at', '<', cutoff),
                w.or([w('last_answered_at', 'is', null), w('last_answered_at', '<', cutoff)]),
                w.not(w.exists(w.selectFrom('left_message_replies').select('left_message_replies.seq').whereRef('left_message_replies.left_message_id', '=', 'left_messages.id').where('left_message_replies.created_at', '>=', cutoff))),
              ]),
            ]),
          )
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Bookings, cancelled ones too, whose slot ended before `cutoff`. Their conversations keep a
   * `booking_id` that leads nowhere and go by their own rule.
   */
  async deleteBookingsEndedBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('bookings')
      .where('id', 'in', (eb) => eb.selectFrom('bookings').select('id').where('ends_at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The per-slot counters of slots that started before `cutoff`: nobody books those any more. */
  async deleteSlotCountersBefore(cutoff: string): Promise<void> {
    await this.db.deleteFrom('booking_slots').where('starts_at', '<', cutoff).execute();
  }

  /**
   * Mails given up before `givenUpCutoff` (a mail that was sent is deleted at once by the outbox),
   * and any mail stored before `storedCutoff`, whatever became of it.
   */
  async deleteMailBefore(givenUpCutoff: string, storedCutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('mail_outbox')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where((w) => w.or([w('given_up_at', '<', givenUpCutoff), w('created_at', '<', storedCutoff)]))
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The per-address mail counts of days before `day` (YYYY-MM-DD) and the booking holders' lock rows untouched since `cutoff`. */
  async deleteAbuseCountersBefore(day: string, cutoff: string): Promise<void> {
    await this.db.deleteFrom('mail_recipient_days').where('day', '<', day).execute();
    await this.db.deleteFrom('booking_holder_locks').where('touched_at', '<', cutoff).execute();
  }

  /** Visitor blocks that ended (expired or lifted) before `cutoff`; the audit log keeps that they were made and lifted. */
  async deleteBlocksEndedBefore(cutoff: string): Promise<number> {
    const result = await this.db
      .deleteFrom('visitor_blocks')
      .where((w) => w.or([w('until', '<', cutoff), w('lifted_at', '<', cutoff)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Audit entries written before `cutoff`. */
  async deleteAuditBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) => eb.selectFrom('audit_log').select('id').where('at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sign-in failure counts last added to before `cutoff` whose lock (if any) has ended by `now`. */
  async deleteSignInFailuresBefore(cutoff: string, now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sign_in_failures')
      .where('last_failed_at', '<', cutoff)
      .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Satisfaction comments (free text, which may name someone) written before `cutoff`. */
  async deleteCommentsBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('satisfaction_comments')
      .where('id', 'in', (eb) => eb.selectFrom('satisfaction_comments').select('id').where('created_at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
