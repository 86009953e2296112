/**
 * The only SQL about calls. A call's state changes are conditional updates, so of two instances
 * that answer, end or expire the same call at once exactly one changes it; the end of a call and
 * its record in the conversation's history are one transaction.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CallEndReason, CallOutcome } from '../../shared/protocol';
import type { ConversationRepository, NewMessage } from '../conversations/repository';
import type { Conversation, ConversationMessage } from '../conversations/types';
import type { DatabaseSchema } from '../db/schema';
import type { CallFacts } from '../reports/facts';
import type { CallSettingsTable } from './tables';
import type { CallMember, StoredCall } from './types';

export interface CallEnd {
  outcome: CallOutcome;
  reason: CallEndReason;
  at: Date;
  /** The history record, written under the conversation's next sequence number. */
  record: (call: StoredCall) => NewMessage;
  /** Writes the ended call's report counters in the same transaction. */
  count: (trx: Transaction<DatabaseSchema>, call: CallFacts) => Promise<void>;
}

/** A conversation as calls need it: who may be in its calls. */
export type CallConversation = Pick<Conversation, 'id' | 'desk_id' | 'status' | 'assignee_id' | 'assignee_name' | 'participants'>;

export class CallRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly conversations: Pick<ConversationRepository, 'appendToLog' | 'findById' | 'lock'>,
  ) {}

  /** Inserts the ringing call with its caller; false when the conversation already has a live call. */
  async insert(call: StoredCall, caller: CallMember): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // Taking the conversation's row lock first: two starts in the same conversation run one after the other.
      if (!(await this.conversations.lock(trx, call.conversation_id, { status: 'active' }))) return false;
      const live = await trx
        .selectFrom('calls')
        .select('id')
        .where('conversation_id', '=', call.conversation_id)
        .where('state', '!=', 'ended')
        .executeTakeFirst();
      if (live) return false;
      await trx.insertInto('calls').values(call).execute();
      await trx.insertInto('call_members').values(caller).execute();
      return true;
    });
  }

  conversation(conversationId: string): Promise<CallConversation | undefined> {
    return this.conversations.findById(conversationId);
  }

  findById(id: string): Promise<StoredCall | undefined> {
    return this.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
  }

  members(callId: string): Promise<CallMember[]> {
    return this.db.selectFrom('call_members').selectAll().where('call_id', '=', callId).orderBy('joined_at').execute();
  }

  /** Ringing → active with the one who answered as a member; false if it was no longer ringing. */
  answer(callId: string, member: CallMember): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const answered = await trx
        .updateTable('calls')
        .set({ state: 'active', answered_at: member.joined_at })
        .where('id', '=', callId)
        .where('state', '=', 'ringing')
        .executeTakeFirst();
      if (answered.numUpdatedRows === 0n) return false;
      await upsertMember(trx, member);
      return true;
    });
  }

  /** Adds or renews an invitation; false when the call is not active. */
  invite(callId: string, member: CallMember): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const call = await trx.selectFrom('calls').select('state').where('id', '=', callId).executeTakeFirst();
      if (call?.state !== 'active') return false;
      await upsertMember(trx, member);
      return true;
    });
  }

  /** An invited member joins an active call; false if there was no such invitation or the call ended. */
  async joinInvited(callId: string, peer: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('call_members')
      .set({ joined_at: at.toISOString(), left_at: null })
      .where('call_id', '=', callId)
      .where('peer', '=', peer)
      .where('invited_at', 'is not', null)
      .where('joined_at', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('calls').select('id').where('id', '=', callId).where('state', '=', 'active')))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async withdrawInvitation(callId: string, peer: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('call_members')
      .where('call_id', '=', callId)
      .where('peer', '=', peer)
      .where('joined_at', 'is', null)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * A joined member joins again (their page was reloaded): the count of joins goes up, which tells
   * the other members to make new links to them. False unless they are in the active call.
   */
  async rejoin(callId: string, peer: string): Promise<boolean> {
    const result = await this.db
      .updateTable('call_members')
      .set((eb) => ({ joins: eb('joins', '+', 1) }))
      .where('call_id', '=', callId)
      .where('peer', '=', peer)
      .where('joined_at', 'is not', null)
      .where('left_at', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('calls').select('id').where('id', '=', callId).where('state', '=', 'active')))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  findSettings(deskId: string): Promise<Selectable<CallSettingsTable> | undefined> {
    return this.db.selectFrom('call_settings').selectAll().where('desk_id', '=', deskId).executeTakeFirst();
  }

  async saveSettings(row: CallSettingsTable): Promise<void> {
    const { desk_id: _, ...change } = row;
    await this.db
      .insertInto('call_settings')
      .values(row)
      .onConflict((oc) => oc.column('desk_id').doUpdateSet(change))
      .execute();
  }

  /** Marks the member as gone; returns how many joined members are still in the call. */
  leave(callId: string, peer: string, at: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('call_members')
        .set({ left_at: at.toISOString() })
        .where('call_id', '=', callId)
        .where('peer', '=', peer)
        .where('left_at', 'is', null)
        .execute();
      const rows = await trx
        .selectFrom('call_members')
        .select('peer')
        .where('call_id', '=', callId)
        .where('joined_at', 'is not', null)
        .where('left_at', 'is', null)
        .execute();
      return rows.length;
    });
  }

  /**
   * Ends the call if it has not ended, and writes its record into the conversation (whatever the
   * conversation's status: a call cut off by a close is recorded too). Null if it had ended already.
   */
  end(callId: string, end: CallEnd): Promise<{ call: StoredCall; record: ConversationMessage } | null> {
    const at = end.at.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const call = await trx
        .updateTable('calls')
        .set({ state: 'ended', outcome: end.outcome, end_reason: end.reason, ended_at: at })
        .where('id', '=', callId)
        .where('state', '!=', 'ended')
        .returningAll()
        .executeTakeFirst();
      if (!call) return null;
      await trx.updateTable('call_members').set({ left_at: at }).where('call_id', '=', callId).where('left_at', 'is', null).execute();
      await trx.deleteFrom('call_members').where('call_id', '=', callId).where('joined_at', 'is', null).execute();
      const record = await this.conversations.appendToLog(trx, call.conversation_id, end.record(call));
      if (!record) throw new Error(`conversation ${call.conversation_id} of call ${callId} is missing`);
      await end.count(trx, await this.factsOf(trx, call));
      return { call, record };
    });
  }

  /** What the reports count of an ended call: its conversation's language and topic, and whether an interpreter joined. */
  private async factsOf(trx: Transaction<DatabaseSchema>, call: StoredCall): Promise<CallFacts> {
    const conversation = await this.conversations.findById(call.conversation_id, trx);
    if (!conversation) throw new Error(`conversation ${call.conversation_id} of call ${call.id} is missing`);
    const interpreter = await trx
      .selectFrom('call_members')
      .select('peer')
      .where('call_id', '=', call.id)
      .where('role', '=', 'interpreter')
      .where('joined_at', 'is not', null)
      .executeTakeFirst();
    return { ...call, language: conversation.language, spoken_language: conversation.spoken_language, topic: conversation.topic, interpreterJoined: interpreter !== undefined };
  }

  /** Appends a system message to an active conversation; null if it is not active. */
  appendNotice(conversationId: string, notice: NewMessage): Promise<{ conversation: CallConversation; message: ConversationMessage } | null> {
    return this.db.transaction().execute(async (trx) => {
      const message = await this.conversations.appendToLog(trx, conversationId, notice, { status: 'active' });
      if (!message) return null;
      const conversation = await this.conversations.findById(conversationId, trx);
      return conversation ? { conversation, message } : null;
    });
  }

  /** Ringing calls whose time to answer is over, oldest first. */
  async unansweredBy(now: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('calls')
      .select('id')
      .where('state', '=', 'ringing')
      .where('ring_until', '<=', now.toISOString())
      .orderBy('ring_until')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Live calls of these conversations (after a hello, the client learns of them). */
  liveCalls(conversationIds: string[]): Promise<StoredCall[]> {
    if (conversationIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('calls').selectAll().where('conversation_id', 'in', conversationIds).where('state', '!=', 'ended').execute();
  }

  /** Live calls this staff member is a member of or invited into. */
  liveCallsOfMember(peer: string): Promise<StoredCall[]> {
    return this.db
      .selectFrom('calls')
      .innerJoin('call_members', 'call_members.call_id', 'calls.id')
      .selectAll('calls')
      .where('call_members.peer', '=', peer)
      .where('call_members.left_at', 'is', null)
      .where('calls.state', '!=', 'ended')
      .execute();
  }
}

async function upsertMember(trx: Transaction<DatabaseSchema>, member: CallMember): Promise<void> {
  await trx
    .insertInto('call_members')
    .values(member)
    .onConflict((oc) =>
      oc.columns(['call_id', 'peer']).doUpdateSet({ invited_at: member.invited_at, joined_at: member.joined_at, left_at: null, role: member.role, joins: member.joins }),
    )
    .execute();
}

