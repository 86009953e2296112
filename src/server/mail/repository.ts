import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { OutboxMail } from './types';

export class MailOutboxRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** In `trx` when given, so the mail is stored with the data it is about or not at all. */
  async insert(row: OutboxMail, trx?: Transaction<DatabaseSchema>): Promise<void> {
    await (trx ?? this.db).insertInto('mail_outbox').values(row).execute();
  }

  /**
   * Counts one more mail to `recipientKey` on `day` unless it has `limit` already; false then. One
   * conditional upsert, so concurrent mails on any instances cannot both take the last one.
   */
  async countRecipientMail(recipientKey: string, day: string, limit: number, trx?: Transaction<DatabaseSchema>): Promise<boolean> {
    const counted = await (trx ?? this.db)
      .insertInto('mail_recipient_days')
      .values({ recipient_key: recipientKey, day, mails: 1 })
      .onConflict((oc) =>
        oc
          .columns(['recipient_key', 'day'])
          .doUpdateSet((eb) => ({ mails: eb('mail_recipient_days.mails', '+', 1) }))
          .where('mail_recipient_days.mails', '<', limit),
      )
      .returning('mails')
      .executeTakeFirst();
    return counted !== undefined;
  }

  async due(now: string, limit: number): Promise<OutboxMail[]> {
    return this.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /**
   * Takes a due mail for one sending attempt by moving its due time to the end of a lease. Only one
   * of several instances that saw the same due time changes the row, so only one sends it.
   */
  async claim(row: OutboxMail, leaseUntil: string): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', row.id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async recordFailure(id: string, failure: Pick<OutboxMail, 'attempts' | 'next_attempt_at' | 'last_error' | 'given_up_at'>): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set(failure)
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('mail_outbox').where('id', '=', id).execute();
  }

  async find(id: string): Promise<OutboxMail | undefined> {
    return this.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
