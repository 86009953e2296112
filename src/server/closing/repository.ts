/**
 * The only SQL of closing: the waiting conversations it may speak to (booked calls keep their
 * slot, so they are left alone) and the one claim per conversation that makes the offer once
 * whatever the number of instances. Conversations are only read here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';

export interface WaitingForClosing {
  id: string;
  offered: boolean;
  /** When it (last) joined the queue. */
  queuedAt: string;
}

export class ClosingRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async waiting(deskId: string): Promise<WaitingForClosing[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .leftJoin('closing_offers', 'closing_offers.conversation_id', 'conversations.id')
      .select(['conversations.id', 'conversations.created_at', 'conversations.waiting_since', 'closing_offers.offered_at'])
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '=', 'waiting')
      .where('conversations.booking_id', 'is', null)
      .execute();
    return rows.map((row) => ({ id: row.id, offered: row.offered_at !== null, queuedAt: row.waiting_since ?? row.created_at }));
  }

  /** True for exactly one caller per conversation, in the caller's transaction. */
  async claimOffer(trx: Transaction<DatabaseSchema>, conversationId: string, at: string): Promise<boolean> {
    const claimed = await trx
      .insertInto('closing_offers')
      .values({ conversation_id: conversationId, offered_at: at })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .returning('conversation_id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  transaction<T>(work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
