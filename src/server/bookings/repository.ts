/**
 * The only place that speaks SQL about bookings. Taking a place in a slot is one conditional
 * update of the slot's counter inside the booking's transaction (see tables.ts), so two visitors
 * booking the last place at once — on one instance or several — cannot both get it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import { hashToken } from '../tokens';
import type { SlotCapacity, SlotUsage } from './capacity';
import { REMINDER_COLUMN, remindableRange, type BookingReminder } from './reminders';
import type { AgendaBooking, Booking } from './types';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Writes that belong with a change of a booking (its e-mail): stored together or not at all. */
export type AlsoStore = (trx: Transaction<DatabaseSchema>, booking: Booking) => Promise<void>;

/** Thrown inside a transaction to roll it back: the slot has no place left … */
class SlotFull extends Error {}
/** … or the booking was cancelled or moved meanwhile … */
class BookingNotLive extends Error {}
/** … or its e-mail address or client already holds as many live bookings as allowed. */
class HolderAtLimit extends Error {}

/** Live bookings one holder may have at once, counted at `now` (a booking whose slot ended is not live). */
export interface HolderLimits {
  perEmail: number;
  perClient: number;
  now: string;
}

export class BookingRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** By the first private link's token or one a reminder gave. */
  findByTokenHash(tokenHash: string): Promise<Booking | undefined> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('token_hash', '=', tokenHash),
          eb('id', 'in', eb.selectFrom('booking_links').select('booking_id').where('token_hash', '=', tokenHash)),
        ]),
      )
      .executeTakeFirst();
  }

  /** Live bookings of the desk that may have a reminder or follow-up due at `now` (reminders.ts decides). */
  remindable(deskId: string, now: Date): Promise<Booking[]> {
    const { endsAfter, startsBefore } = remindableRange(now);
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('status', '=', 'booked')
      // Without an address there is no one to remind, and a reminder's new private link would be useless.
      .where('email', '!=', '')
      .where('starts_at', '<', startsBefore)
      .where('ends_at', '>', endsAfter)
      .where((eb) => eb.or([eb('reminded_day_at', 'is', null), eb('reminded_hour_at', 'is', null), eb('followed_up_at', 'is', null)]))
      .orderBy('starts_at')
      .execute();
  }

  /**
   * Claims the reminder for the booking as it was read (live, not moved or cancelled since: the
   * same SEQUENCE) and stores what `alsoStore` writes (its mail) in the same transaction; false
   * if another instance claimed it first or the booking changed.
   */
  claimReminder(booking: Booking, kind: BookingReminder, at: Date, alsoStore: AlsoStore): Promise<boolean> {
    const column = REMINDER_COLUMN[kind];
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('bookings')
        .set({ [column]: at.toISOString() })
        .where('id', '=', booking.id)
        .where('status', '=', 'booked')
        .where('sequence', '=', booking.sequence)
        .where(column, 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return false;
      await alsoStore(trx, claimed);
      return true;
    });
  }

  async addLink(trx: Transaction<DatabaseSchema>, bookingId: string, tokenHash: string, at: Date): Promise<void> {
    await trx.insertInto('booking_links').values({ token_hash: tokenHash, booking_id: bookingId, created_at: at.toISOString() }).execute();
  }

  findById(id: string): Promise<Booking | undefined> {
    return this.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Live bookings per slot start in [from, to), in any language and in `language`. */
  async usage(deskId: string, language: string, from: string, to: string): Promise<Map<string, SlotUsage>> {
    const rows = await this.db
      .selectFrom('bookings')
      .select(['starts_at', 'language'])
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('desk_id', '=', deskId)
      .where('status', '=', 'booked')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .groupBy(['starts_at', 'language'])
      .execute();
    const usage = new Map<string, SlotUsage>();
    for (const row of rows) {
      const count = Number(row.count);
      const entry = usage.get(row.starts_at) ?? { total: 0, inLanguage: 0 };
      entry.total += count;
      if (row.language === language) entry.inLanguage += count;
      usage.set(row.starts_at, entry);
    }
    return usage;
  }

  /**
   * Stores the booking, and what `alsoStore` writes for it, if its e-mail address and client are
   * below their live-booking limits and its slot has a place left in its language.
   */
  async insertIfPlace(booking: Booking, capacity: SlotCapacity, limits: HolderLimits, alsoStore: AlsoStore): Promise<'booked' | 'full' | 'holder_at_limit'> {
    const result = await this.inTransaction(async (trx) => {
      await this.assertHolderBelowLimits(trx, booking, limits);
      await this.takePlace(trx, booking.desk_id, booking.starts_at, booking.language, capacity);
      await trx.insertInto('bookings').values(booking).execute();
      await alsoStore(trx, booking);
    });
    if (result === 'not_live') throw new Error('a new booking cannot be not live');
    return result === 'done' ? 'booked' : result;
  }

  /**
   * Moves a live booking to another slot that has a place left, with SEQUENCE + 1, and stores what
   * `alsoStore` writes for the moved booking. `not_live`: it was cancelled or moved meanwhile (by
   * another tab), and nothing changed.
   */
  async moveIfPlace(
    booking: Booking,
    to: { startsAt: string; endsAt: string; visitorTimeZone: string; at: Date },
    capacity: SlotCapacity,
    alsoStore: AlsoStore,
  ): Promise<'moved' | 'full' | 'not_live'> {
    const result = await this.inTransaction(async (trx) => {
      await this.takePlace(trx, booking.desk_id, to.startsAt, booking.language, capacity);
      const moved = await trx
        .updateTable('bookings')
        .set((eb) => ({
          starts_at: to.startsAt,
          ends_at: to.endsAt,
          visitor_time_zone: to.visitorTimeZone,
          sequence: eb('sequence', '+', 1),
          updated_at: to.at.toISOString(),
          // The new time has reminders of its own.
          reminded_day_at: null,
          reminded_hour_at: null,
        }))
        .where('id', '=', booking.id)
        .where('status', '=', 'booked')
        .where('starts_at', '=', booking.starts_at)
        .returningAll()
        .executeTakeFirst();
      if (!moved) throw new BookingNotLive();
      await this.releasePlace(trx, booking.desk_id, booking.starts_at);
      await alsoStore(trx, moved);
    });
    if (result === 'holder_at_limit') throw new Error('a move checks no holder limit');
    return result === 'done' ? 'moved' : result;
  }

  /**
   * Cancels a live booking (SEQUENCE + 1), frees its place and stores what `alsoStore` writes for
   * the cancelled booking; false if it was not live.
   */
  cancelIfBooked(bookingId: string, at: Date, alsoStore: AlsoStore): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const cancelled = await trx
        .updateTable('bookings')
        .set((eb) => ({ status: 'cancelled' as const, sequence: eb('sequence', '+', 1), updated_at: at.toISOString() }))
        .where('id', '=', bookingId)
        .where('status', '=', 'booked')
        .returningAll()
        .executeTakeFirst();
      if (!cancelled) return false;
      await this.releasePlace(trx, cancelled.desk_id, cancelled.starts_at);
      await alsoStore(trx, cancelled);
      return true;
    });
  }

  /** Deletes these bookings (their links by cascade); a live one frees its place first. Returns how many went. */
  eraseMany(bookingIds: readonly string[]): Promise<number> {
    if (bookingIds.length === 0) return Promise.resolve(0);
    return this.db.transaction().execute(async (trx) => {
      const erased = await trx.deleteFrom('bookings').where('id', 'in', bookingIds).returning(['desk_id', 'starts_at', 'status']).execute();
      for (const booking of erased) if (booking.status === 'booked') await this.releasePlace(trx, booking.desk_id, booking.starts_at);
      return erased.length;
    });
  }

  /** The booking's conversation that is not closed, if any (the database allows one at most). */
  async openConversationId(bookingId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select('id')
      .where('booking_id', '=', bookingId)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * Points the booking at its (newest) conversation; `firstJoin` runs, in the same transaction,
   * only when it had none before: the visitor came to the booked call.
   */
  async linkConversation(bookingId: string, conversationId: string, at: Date, firstJoin: AlsoStore): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const change = { conversation_id: conversationId, updated_at: at.toISOString() };
      const first = await trx.updateTable('bookings').set(change).where('id', '=', bookingId).where('conversation_id', 'is', null).returningAll().executeTakeFirst();
      if (first) await firstJoin(trx, first);
      else await trx.updateTable('bookings').set(change).where('id', '=', bookingId).execute();
    });
  }

  /** The desk's bookings starting in [from, to), cancelled ones too, with their conversation's status. */
  agenda(deskId: string, from: string, to: string): Promise<AgendaBooking[]> {
    return this.db
      .selectFrom('bookings')
      .leftJoin('conversations', 'conversations.id', 'bookings.conversation_id')
      .selectAll('bookings')
      .select('conversations.status as conversation_status')
      .where('bookings.desk_id', '=', deskId)
      .where('bookings.starts_at', '>=', from)
      .where('bookings.starts_at', '<', to)
      .orderBy('bookings.starts_at')
      .orderBy('bookings.created_at')
      .execute();
  }

  /**
   * Runs `work` in a transaction; a full slot, a booking no longer live or a holder at their limit
   * rolls it back.
   */
  private async inTransaction(work: (trx: Transaction<DatabaseSchema>) => Promise<void>): Promise<'done' | 'full' | 'not_live' | 'holder_at_limit'> {
    try {
      await this.db.transaction().execute(work);
      return 'done';
    } catch (error) {
      if (error instanceof SlotFull) return 'full';
      if (error instanceof BookingNotLive) return 'not_live';
      if (error instanceof HolderAtLimit) return 'holder_at_limit';
      throw error;
    }
  }

  /**
   * Locks the booking's holders (its e-mail address, its client) by writing their rows, then
   * counts their live bookings; throws HolderAtLimit when either has its limit already. The lock
   * lasts until the transaction ends, so a concurrent booking by the same holder counts this one.
   */
  private async assertHolderBelowLimits(trx: Db, booking: Booking, limits: HolderLimits): Promise<void> {
    const holders = [
      { column: 'email_key' as const, value: booking.email_key, limit: limits.perEmail },
      { column: 'client_key' as const, value: booking.client_key, limit: limits.perClient },
    ];
    for (const { column, value, limit } of holders) {
      if (value === null) continue;
      const lockKey = hashToken(`${column}:${value}`);
      await trx
        .insertInto('booking_holder_locks')
        .values({ holder_key: lockKey, touched_at: limits.now })
        .onConflict((oc) => oc.column('holder_key').doUpdateSet({ touched_at: limits.now }))
        .execute();
      const live = await trx
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where(column, '=', value)
        .where('status', '=', 'booked')
        .where('ends_at', '>', limits.now)
        .executeTakeFirstOrThrow();
      if (Number(live.count) >= limit) throw new HolderAtLimit();
    }
  }

  /**
   * Takes a place in the slot or throws SlotFull. The counter update takes the slot row's lock;
   * a concurrent booking of the same slot waits for it and then sees the new count, so the
   * language count read after it is up to date as well.
   */
  private async takePlace(trx: Db, deskId: string, startsAt: string, language: string, capacity: SlotCapacity): Promise<void> {
    await trx
      .insertInto('booking_slots')
      .values({ desk_id: deskId, starts_at: startsAt, booked: 0 })
      .onConflict((oc) => oc.columns(['desk_id', 'starts_at']).doNothing())
      .execute();
    const taken = await trx
      .updateTable('booking_slots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('desk_id', '=', deskId)
      .where('starts_at', '=', startsAt)
      .where('booked', '<', capacity.total)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n) throw new SlotFull();
    const inLanguage = await trx
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('desk_id', '=', deskId)
      .where('starts_at', '=', startsAt)
      .where('status', '=', 'booked')
      .where('language', '=', language)
      .executeTakeFirstOrThrow();
    if (Number(inLanguage.count) >= capacity.inLanguage) throw new SlotFull();
  }

  private async releasePlace(trx: Db, deskId: string, startsAt: string): Promise<void> {
    await trx
      .updateTable('booking_slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('desk_id', '=', deskId)
      .where('starts_at', '=', startsAt)
      .where('booked', '>', 0)
      .execute();
  }
}
