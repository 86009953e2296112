/**
 * The only SQL of idle and abandoned conversations: the desk's thresholds, the visitors' last
 * sightings, and the one claim per quiet spell that makes "are you still there?" be asked once
 * whatever the number of instances sweeping. Conversations and calls are only read here; they
 * change through their own services.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { VisitorPresence } from '../../shared/protocol';
import type { InactivitySettingsTable } from './tables';

export interface ActiveConversationActivity {
  id: string;
  assigned_at: string | null;
  /** The visitor's last message, if any: a consultant writing to a visitor who has gone does not keep them there. */
  last_said_at: string | null;
  warned_idle_since: string | null;
  warned_at: string | null;
}

export interface WaitingConversationPresence {
  id: string;
  created_at: string;
  waiting_since: string | null;
  seen_at: string | null;
}

export class InactivityRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findSettings(deskId: string): Promise<Selectable<InactivitySettingsTable> | undefined> {
    return this.db.selectFrom('inactivity_settings').selectAll().where('desk_id', '=', deskId).executeTakeFirst();
  }

  async saveSettings(row: InactivitySettingsTable): Promise<void> {
    const { desk_id: _, ...change } = row;
    await this.db
      .insertInto('inactivity_settings')
      .values(row)
      .onConflict((oc) => oc.column('desk_id').doUpdateSet(change))
      .execute();
  }

  /** Marks these conversations' visitors as connected now (this instance holds their sockets). */
  async markSeen(conversationIds: readonly string[], at: string): Promise<void> {
    if (conversationIds.length === 0) return;
    await this.db
      .insertInto('visitor_attendance')
      .columns(['conversation_id', 'seen_at'])
      .expression((eb) =>
        eb
          .selectFrom('conversations')
          .select(['id', sql<string>`cast(${at} as text)`.as('seen_at')])
          .where('id', 'in', conversationIds)
          .where('status', '!=', 'closed'),
      )
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ seen_at: at }))
      .execute();
  }

  /**
   * Records the visitor's presence; true only when it changed (so each change is announced once,
   * whichever instance writes it). A closed conversation's visitor is nobody's concern any more.
   */
  async changePresence(conversationId: string, presence: VisitorPresence, at: string): Promise<boolean> {
    const changed = await this.db
      .insertInto('visitor_attendance')
      .columns(['conversation_id', 'seen_at', 'presence'])
      .expression((eb) =>
        eb
          .selectFrom('conversations')
          .select(['id', sql<string>`cast(${at} as text)`.as('seen_at'), sql<VisitorPresence>`cast(${presence} as text)`.as('presence')])
          .where('id', '=', conversationId)
          .where('status', '!=', 'closed'),
      )
      .onConflict((oc) =>
        oc
          .column('conversation_id')
          .doUpdateSet(presence === 'gone' ? { presence } : { presence, seen_at: at })
          .where((eb) => eb.or([eb('visitor_attendance.presence', 'is', null), eb('visitor_attendance.presence', '!=', presence)])),
      )
      .returning('conversation_id')
      .executeTakeFirst();
    return changed !== undefined;
  }

  /** Conversations shown as present while their visitor's instance (none refreshed `seen_at` since `before`) is gone. */
  async expirePresence(deskId: string, before: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('visitor_attendance')
      .set({ presence: 'gone' })
      .where('conversation_id', 'in', (eb) => eb.selectFrom('conversations').select('id').where('desk_id', '=', deskId).where('status', '!=', 'closed'))
      .where('presence', 'in', ['present', 'away'])
      .where('seen_at', '<', before)
      .returning('conversation_id')
      .execute();
    return rows.map((row) => row.conversation_id);
  }

  async presenceOf(conversationIds: readonly string[]): Promise<{ conversation_id: string; presence: VisitorPresence | null }[]> {
    if (conversationIds.length === 0) return [];
    return this.db.selectFrom('visitor_attendance').select(['conversation_id', 'presence']).where('conversation_id', 'in', conversationIds).execute();
  }

  /** The desk's active conversations without a live call, with what tells how long they have been quiet. */
  activeWithoutCall(deskId: string): Promise<ActiveConversationActivity[]> {
    return this.db
      .selectFrom('conversations')
      .leftJoin('visitor_attendance', 'visitor_attendance.conversation_id', 'conversations.id')
      .select((eb) => [
        'conversations.id',
        'conversations.assigned_at',
        eb
          .selectFrom('messages')
          .select((m) => m.fn.max('messages.created_at').as('at'))
          .whereRef('messages.conversation_id', '=', 'conversations.id')
          .where('messages.author', '=', 'visitor')
          .as('last_said_at'),
        'visitor_attendance.warned_idle_since',
        'visitor_attendance.warned_at',
      ])
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('calls').select('calls.id').whereRef('calls.conversation_id', '=', 'conversations.id').where('calls.state', '!=', 'ended'))),
      )
      .execute();
  }

  waiting(deskId: string): Promise<WaitingConversationPresence[]> {
    return this.db
      .selectFrom('conversations')
      .leftJoin('visitor_attendance', 'visitor_attendance.conversation_id', 'conversations.id')
      .select(['conversations.id', 'conversations.created_at', 'conversations.waiting_since', 'visitor_attendance.seen_at'])
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '=', 'waiting')
      .execute();
  }

  /**
   * Claims the question for this quiet spell, in the caller's transaction: true for exactly one
   * caller, however many instances try at once (the row's primary key and the condition decide).
   */
  async claimWarning(trx: Transaction<DatabaseSchema>, conversationId: string, idleSince: string, at: string): Promise<boolean> {
    const claimed = await trx
      .insertInto('visitor_attendance')
      .values({ conversation_id: conversationId, seen_at: null, warned_idle_since: idleSince, warned_at: at, presence: null })
      .onConflict((oc) =>
        oc
          .column('conversation_id')
          .doUpdateSet({ warned_idle_since: idleSince, warned_at: at })
          .where((eb) => eb.or([eb('visitor_attendance.warned_idle_since', 'is', null), eb('visitor_attendance.warned_idle_since', '!=', idleSince)])),
      )
      .returning('conversation_id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  transaction<T>(work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
