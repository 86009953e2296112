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
   * Left messages closed, or last answered and left open, before `cutoff`. New ones stay whatever
   * their age (a visitor's reply makes one new again): nobody has answered them yet.
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

  /** Mails given up before `cutoff` (a mail that was sent is deleted at once by the outbox). */
  async deleteMailGivenUpBefore(cutoff: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('mail_outbox')
      .where('id', 'in', (eb) => eb.selectFrom('mail_outbox').select('id').where('given_up_at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
