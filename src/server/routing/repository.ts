/**
 * The only SQL of routing: settings, offers (one per waiting conversation, decided by the primary
 * key), who missed which offer, and staff connections on every instance. Writes that must hold
 * across instances are conditional (an offer is reserved under the consultant's row lock; an
 * expiry deletes the offer only if it is still the expired one).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { RoutingSettingsTable, StaffConnectionsTable } from './tables';
import type { RoutingOffer, WaitingConversation } from './types';

/** Well below every engine's limit on bound parameters. */
const IDS_PER_QUERY = 500;

export interface StaffActivity {
  /** Active conversations. */
  active: number;
  offers: number;
  lastAssignedAt: string | null;
  lastClosedAt: string | null;
}

export class RoutingRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  // -- settings --------------------------------------------------------------------------------

  findSettings(deskId: string): Promise<Selectable<RoutingSettingsTable> | undefined> {
    return this.db.selectFrom('routing_settings').selectAll().where('desk_id', '=', deskId).executeTakeFirst();
  }

  async saveSettings(row: RoutingSettingsTable): Promise<void> {
    const { desk_id: _, ...change } = row;
    await this.db
      .insertInto('routing_settings')
      .values(row)
      .onConflict((oc) => oc.column('desk_id').doUpdateSet(change))
      .execute();
  }

  // -- the queue and who can take it -----------------------------------------------------------

  /** Oldest in the queue first: a conversation returned to the front keeps its first waiting time. */
  waiting(deskId: string): Promise<WaitingConversation[]> {
    return this.db
      .selectFrom('conversations')
      .select(['id', 'language', 'spoken_language', 'topic', 'waiting_since', 'created_at'])
      .where('desk_id', '=', deskId)
      .where('status', '=', 'waiting')
      .orderBy('waiting_since')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Those of `ids` that wait now (the rest have left the queue or are not the desk's). */
  async waitingAmong(deskId: string, ids: readonly string[]): Promise<WaitingConversation[]> {
    const rows: WaitingConversation[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      rows.push(
        ...(await this.db
          .selectFrom('conversations')
          .select(['id', 'language', 'spoken_language', 'topic', 'waiting_since', 'created_at'])
          .where('desk_id', '=', deskId)
          .where('status', '=', 'waiting')
          .where('id', 'in', ids.slice(i, i + IDS_PER_QUERY))
          .execute()),
      );
    }
    return rows;
  }

  /** Staff of the desk with a socket open on some instance, seen since `liveSince`. */
  async liveStaffIds(deskId: string, liveSince: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('staff_connections')
      .select('staff_id')
      .distinct()
      .where('desk_id', '=', deskId)
      .where('closed_at', 'is', null)
      .where('seen_at', '>=', liveSince)
      .execute();
    return rows.map((row) => row.staff_id);
  }

  async activity(deskId: string, staffIds: readonly string[]): Promise<Map<string, StaffActivity>> {
    const result = new Map<string, StaffActivity>(
      staffIds.map((id) => [id, { active: 0, offers: 0, lastAssignedAt: null, lastClosedAt: null }]),
    );
    if (staffIds.length === 0) return result;
    const conversations = await this.db
      .selectFrom('conversations')
      .select((eb) => [
        'assignee_id',
        eb.fn.count<string | number>(eb.case().when('status', '=', 'active').then(1).end()).as('active'),
        eb.fn.max('assigned_at').as('last_assigned_at'),
        eb.fn.max('closed_at').as('last_closed_at'),
      ])
      .where('desk_id', '=', deskId)
      .where('assignee_id', 'in', staffIds)
      .groupBy('assignee_id')
      .execute();
    for (const row of conversations) {
      const entry = result.get(row.assignee_id!)!;
      entry.active = Number(row.active);
      entry.lastAssignedAt = row.last_assigned_at;
      entry.lastClosedAt = row.last_closed_at;
    }
    const offers = await this.db
      .selectFrom('routing_offers')
      .select((eb) => ['staff_id', eb.fn.countAll<string | number>().as('offers')])
      .where('desk_id', '=', deskId)
      .groupBy('staff_id')
      .execute();
    for (const row of offers) {
      const entry = result.get(row.staff_id);
      if (entry) entry.offers = Number(row.offers);
    }
    return result;
  }

  /** Handling times (taken → closed) of the desk's most recently closed conversations, newest first. */
  async recentHandlingMinutes(deskId: string, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['assigned_at', 'closed_at'])
      .where('desk_id', '=', deskId)
      .where('status', '=', 'closed')
      .where('assigned_at', 'is not', null)
      .orderBy('closed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => (Date.parse(row.closed_at!) - Date.parse(row.assigned_at!)) / 60_000);
  }

  // -- offers ----------------------------------------------------------------------------------

  offers(deskId: string): Promise<RoutingOffer[]> {
    return this.db.selectFrom('routing_offers').selectAll().where('desk_id', '=', deskId).execute();
  }

  offersFor(staffId: string): Promise<RoutingOffer[]> {
    return this.db.selectFrom('routing_offers').selectAll().where('staff_id', '=', staffId).execute();
  }

  async misses(deskId: string): Promise<Map<string, Set<string>>> {
    const rows = await this.db
      .selectFrom('routing_offer_misses')
      .innerJoin('conversations', 'conversations.id', 'routing_offer_misses.conversation_id')
      .select(['routing_offer_misses.conversation_id', 'routing_offer_misses.staff_id'])
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '=', 'waiting')
      .execute();
    const byConversation = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = byConversation.get(row.conversation_id) ?? new Set<string>();
      set.add(row.staff_id);
      byConversation.set(row.conversation_id, set);
    }
    return byConversation;
  }

  async forgetMisses(conversationId: string): Promise<void> {
    await this.db.deleteFrom('routing_offer_misses').where('conversation_id', '=', conversationId).execute();
  }

  /**
   * Offers a waiting conversation to a consultant if they are still available with room below
   * their maximum (active conversations and pending offers), and the conversation has no offer
   * yet. The consultant's row is locked first, so two instances cannot both fill their last slot.
   */
  reserveOffer(offer: RoutingOffer): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const staff = await trx
        .updateTable('staff_users')
        .set((eb) => ({ max_concurrent: eb.ref('max_concurrent') }))
        .where('id', '=', offer.staff_id)
        .where('availability', '=', 'available')
        .where('active', '=', 1)
        .returning('max_concurrent')
        .executeTakeFirst();
      if (!staff) return false;
      const { active } = await trx
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<string | number>().as('active'))
        .where('assignee_id', '=', offer.staff_id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      const { offers } = await trx
        .selectFrom('routing_offers')
        .select((eb) => eb.fn.countAll<string | number>().as('offers'))
        .where('staff_id', '=', offer.staff_id)
        .executeTakeFirstOrThrow();
      if (Number(active) + Number(offers) >= staff.max_concurrent) return false;
      const waiting = await trx
        .selectFrom('conversations')
        .select('id')
        .where('id', '=', offer.conversation_id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (!waiting) return false;
      const inserted = await trx
        .insertInto('routing_offers')
        .values(offer)
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .returning('conversation_id')
        .executeTakeFirst();
      return inserted !== undefined;
    });
  }

  /**
   * Ends an offer and remembers that this consultant missed it (expired or declined). Only the
   * caller that deleted the row gets it back, so of several instances exactly one announces it.
   */
  missOffer(conversationId: string, staffId: string, at: string, onlyIfExpired: boolean): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let remove = trx.deleteFrom('routing_offers').where('conversation_id', '=', conversationId).where('staff_id', '=', staffId);
      if (onlyIfExpired) remove = remove.where('expires_at', '<=', at);
      const removed = await remove.returning('conversation_id').executeTakeFirst();
      if (!removed) return false;
      await trx
        .insertInto('routing_offer_misses')
        .values({ conversation_id: conversationId, staff_id: staffId, missed_at: at })
        .onConflict((oc) => oc.columns(['conversation_id', 'staff_id']).doNothing())
        .execute();
      return true;
    });
  }

  expiredOffers(deskId: string, at: string): Promise<RoutingOffer[]> {
    return this.db.selectFrom('routing_offers').selectAll().where('desk_id', '=', deskId).where('expires_at', '<=', at).execute();
  }

  /**
   * Offers and misses of conversations that left the queue (taken, closed); the removed offers.
   * Each offer or miss looks up its own conversation by key, so the cost follows the offers, not
   * how many conversations the desk has ever had.
   */
  async clearSettled(deskId: string): Promise<RoutingOffer[]> {
    const removed = await this.db
      .deleteFrom('routing_offers')
      .where('desk_id', '=', deskId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('conversations').select('conversations.id').whereRef('conversations.id', '=', 'routing_offers.conversation_id').where('conversations.status', '=', 'waiting'))),
      )
      .returningAll()
      .execute();
    await this.db
      .deleteFrom('routing_offer_misses')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('conversations').select('conversations.id').whereRef('conversations.id', '=', 'routing_offer_misses.conversation_id').where('conversations.status', '=', 'waiting'))),
      )
      .execute();
    return removed;
  }

  /** Manual mode: every pending offer goes away. */
  withdrawAll(deskId: string): Promise<RoutingOffer[]> {
    return this.db.deleteFrom('routing_offers').where('desk_id', '=', deskId).returningAll().execute();
  }

  // -- presence --------------------------------------------------------------------------------

  async openConnection(row: Selectable<StaffConnectionsTable>): Promise<void> {
    await this.db.insertInto('staff_connections').values(row).execute();
  }

  async closeConnection(id: string, at: string): Promise<void> {
    await this.db.updateTable('staff_connections').set({ closed_at: at, seen_at: at }).where('id', '=', id).execute();
  }

  async touchConnections(ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('staff_connections').set({ seen_at: at }).where('id', 'in', ids).where('closed_at', 'is', null).execute();
  }

  /** Connection rows closed before `before` (a day ago), except each staff member's latest. */
  async purgeConnections(before: string): Promise<void> {
    await this.db
      .deleteFrom('staff_connections')
      .where('seen_at', '<', before)
      .where(({ eb, selectFrom, ref }) =>
        eb(
          'seen_at',
          '<',
          selectFrom('staff_connections as latest')
            .select(({ fn }) => fn.max('latest.seen_at').as('seen'))
            .whereRef('latest.staff_id', '=', ref('staff_connections.staff_id')),
        ),
      )
      .execute();
  }

  /**
   * Staff whose last connection anywhere was seen before `graceBefore` and who are still marked
   * on duty or hold active conversations. Staff who never connected are left alone.
   */
  async gone(deskId: string, graceBefore: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('staff_connections')
      .innerJoin('staff_users', 'staff_users.id', 'staff_connections.staff_id')
      .select('staff_connections.staff_id')
      .where('staff_connections.desk_id', '=', deskId)
      .where((eb) =>
        eb.or([
          eb('staff_users.availability', '!=', 'offline'),
          eb.exists(
            eb
              .selectFrom('conversations')
              .select('conversations.id')
              .whereRef('conversations.assignee_id', '=', 'staff_connections.staff_id')
              .where('conversations.status', '=', 'active'),
          ),
        ]),
      )
      .groupBy('staff_connections.staff_id')
      .having((eb) => eb.fn.max('staff_connections.seen_at'), '<=', graceBefore)
      .execute();
    return rows.map((row) => row.staff_id);
  }

  activeConversationIds(staffId: string): Promise<{ id: string }[]> {
    return this.db.selectFrom('conversations').select('id').where('assignee_id', '=', staffId).where('status', '=', 'active').execute();
  }
}
