/**
 * The only place that speaks SQL about conversations and messages. Every write that must be
 * atomic (a message and its sequence number, a take, a close) is one transaction or one
 * conditional update, so it stays correct with several server instances on one database.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { ConversationsTable, MessagesTable } from './tables';
import type { CloseOutcome } from './types';

export type ConversationRow = Selectable<ConversationsTable> & { assignee_name: string | null };
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Omit<MessagesTable, 'conversation_id' | 'seq'>;

export type AppendResult =
  | { kind: 'stored'; message: MessageRow; assigneeId: string | null }
  | { kind: 'duplicate'; message: MessageRow }
  /** The conversation is closed, missing, or not assigned to the required staff member. */
  | { kind: 'rejected' };

class DuplicateClientId extends Error {}

export class ConversationRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  private selectConversations(db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema> = this.db) {
    return db
      .selectFrom('conversations')
      .leftJoin('staff_users', 'staff_users.id', 'conversations.assignee_id')
      .selectAll('conversations')
      .select('staff_users.name as assignee_name');
  }

  findById(id: string): Promise<ConversationRow | undefined> {
    return this.selectConversations().where('conversations.id', '=', id).executeTakeFirst();
  }

  findByTokenHash(tokenHash: string): Promise<ConversationRow | undefined> {
    return this.selectConversations().where('conversations.visitor_token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The desk's waiting queue (oldest first) and one consultant's open conversations. */
  listForStaff(deskId: string, staffId: string): Promise<ConversationRow[]> {
    return this.selectConversations()
      .where('conversations.desk_id', '=', deskId)
      .where((eb) =>
        eb.or([
          eb('conversations.status', '=', 'waiting'),
          eb.and([eb('conversations.status', '=', 'active'), eb('conversations.assignee_id', '=', staffId)]),
        ]),
      )
      .orderBy('conversations.created_at')
      .execute();
  }

  async create(conversation: Omit<ConversationsTable, 'last_seq'>, firstMessage: NewMessage): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({ ...conversation, last_seq: 1 })
        .execute();
      await trx
        .insertInto('messages')
        .values({ ...firstMessage, conversation_id: conversation.id, seq: 1 })
        .execute();
    });
  }

  findMessageByClientId(conversationId: string, clientId: string): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  /**
   * Stores a message under the next sequence number of its conversation, if the conversation is
   * open (and, with `assigneeId`, assigned to that staff member). The increment takes the
   * conversation's row lock, so sequence numbers follow commit order; the unique
   * (conversation_id, client_id) key turns a resent message into a duplicate, never a second row.
   */
  async appendMessage(conversationId: string, message: NewMessage, assigneeId?: string): Promise<AppendResult> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        let update = trx
          .updateTable('conversations')
          .set((eb) => ({
            last_seq: eb('last_seq', '+', 1),
            // The first staff message is the first reply (a reporting figure).
            ...(assigneeId && { first_reply_at: eb.fn.coalesce('first_reply_at', eb.val(message.created_at)) }),
          }))
          .where('id', '=', conversationId)
          .where('status', '!=', 'closed');
        if (assigneeId) update = update.where('assignee_id', '=', assigneeId);
        const counter = await update.returning(['last_seq', 'assignee_id']).executeTakeFirst();
        if (!counter) return { kind: 'rejected' } as const;
        const row = { ...message, conversation_id: conversationId, seq: counter.last_seq };
        const inserted = await trx
          .insertInto('messages')
          .values(row)
          .onConflict((oc) => oc.columns(['conversation_id', 'client_id']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (!inserted) throw new DuplicateClientId();
        return { kind: 'stored', message: row, assigneeId: counter.assignee_id } as const;
      });
    } catch (error) {
      if (!(error instanceof DuplicateClientId) || !message.client_id) throw error;
      const existing = await this.findMessageByClientId(conversationId, message.client_id);
      if (!existing) throw error;
      return { kind: 'duplicate', message: existing };
    }
  }

  messagesAfter(conversationId: string, afterSeq: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
  }

  /**
   * Assigns a waiting conversation and records the system message in the same transaction; exactly
   * one of any number of concurrent callers gets the row (the status condition), the rest get null.
   */
  assignIfWaiting(conversationId: string, staffId: string, at: Date, notice: NewMessage): Promise<MessageRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const counter = await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'active' as const,
          assignee_id: staffId,
          assigned_at: at.toISOString(),
          waiting_since: null,
          last_seq: eb('last_seq', '+', 1),
        }))
        .where('id', '=', conversationId)
        .where('status', '=', 'waiting')
        .returning('last_seq')
        .executeTakeFirst();
      return counter ? this.insertAt(trx, conversationId, counter.last_seq, notice) : null;
    });
  }

  /** Closes an open conversation with its closing system message, atomically; null if already closed. */
  closeIfOpen(
    conversationId: string,
    change: { outcome: CloseOutcome; topic: string; at: Date },
    notice: NewMessage,
  ): Promise<MessageRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const counter = await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'closed' as const,
          outcome: change.outcome,
          topic: change.topic,
          closed_at: change.at.toISOString(),
          waiting_since: null,
          last_seq: eb('last_seq', '+', 1),
        }))
        .where('id', '=', conversationId)
        .where('status', '!=', 'closed')
        .returning('last_seq')
        .executeTakeFirst();
      return counter ? this.insertAt(trx, conversationId, counter.last_seq, notice) : null;
    });
  }

  private async insertAt(
    trx: Transaction<DatabaseSchema>,
    conversationId: string,
    seq: number,
    message: NewMessage,
  ): Promise<MessageRow> {
    const row = { ...message, conversation_id: conversationId, seq };
    await trx.insertInto('messages').values(row).execute();
    return row;
  }
}
