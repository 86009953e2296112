/**
 * The only place that speaks SQL about conversations and messages. Every write that must be
 * atomic (a message and its sequence number, a take, a close) is one transaction or one
 * conditional update, so it stays correct with several server instances on one database.
 */
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, Transaction, UpdateObject } from 'kysely';
import type { Database } from '../db/database';
import type { DatabaseSchema } from '../db/schema';
import { postgresAppender, sqliteAppender, type AppendChat } from './append';
import type { Followed } from './followers';
import type { ConversationsTable, MessagesTable } from './tables';
import type { CloseOutcome, Conversation, ConversationMessage, ConversationStatus, MessageAttachment, Participant } from './types';

/** A conversation's own row, without its participants (a query of their own). */
export type ConversationRecord = Omit<Conversation, 'participants'>;
export type NewMessage = Omit<MessagesTable, 'conversation_id' | 'seq' | 'attachment_id'>;
type AlsoStore = (trx: Transaction<DatabaseSchema>) => Promise<void>;

/**
 * A file to store with its message, in the message's transaction: `store` runs after the
 * conversation's row is locked and before the message row (which refers to the file) is written;
 * whatever it throws rolls both back.
 */
export interface AttachmentWrite {
  attachment: MessageAttachment;
  store(trx: Transaction<DatabaseSchema>): Promise<void>;
}

export type AppendResult =
  | { kind: 'stored'; message: ConversationMessage; followed: Followed }
  | { kind: 'duplicate'; message: ConversationMessage }
  /** The conversation is closed, missing, or the staff member is neither its assignee nor a participant. */
  | { kind: 'rejected' };

/** Which conversation takes an entry into its log: every condition given must hold. */
export interface LogCondition {
  /** 'open': waiting or active. */
  status?: ConversationStatus | 'open';
  assigneeId?: string;
  /** The staff member has joined it as a participant. */
  participantId?: string;
  /** The staff member is its assignee or a participant. */
  followedBy?: string;
  /** The staff member is neither its assignee nor a participant. */
  notFollowedBy?: string;
  /** It was closed this way. */
  outcome?: CloseOutcome;
}

type ConversationsBuilder = ExpressionBuilder<DatabaseSchema, 'conversations'>;
type ConversationChange = UpdateObject<DatabaseSchema, 'conversations'> | ((eb: ConversationsBuilder) => UpdateObject<DatabaseSchema, 'conversations'>);
type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

class DuplicateClientId extends Error {}

export class ConversationRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly appendChat: AppendChat;

  constructor(database: Pick<Database, 'db' | 'sqlite'>) {
    this.db = database.db;
    this.appendChat = database.sqlite ? sqliteAppender(database.db, database.sqlite) : postgresAppender(database.db);
  }

  private selectConversations(db: Db = this.db) {
    return db
      .selectFrom('conversations')
      .leftJoin('staff_users', 'staff_users.id', 'conversations.assignee_id')
      .selectAll('conversations')
      .select('staff_users.name as assignee_name');
  }

  /** With `trx`, as that transaction sees it. */
  async findById(id: string, trx?: Transaction<DatabaseSchema>): Promise<Conversation | undefined> {
    const row = await this.selectConversations(trx).where('conversations.id', '=', id).executeTakeFirst();
    return row && (await this.withParticipants([row], trx))[0];
  }

  /** Attaches each conversation's participants (one query for all of them). */
  async withParticipants(rows: ConversationRecord[], db: Db = this.db): Promise<Conversation[]> {
    const participants = await participantsOf(db, rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, participants: participants.get(row.id) ?? [] }));
  }

  /**
   * True if the conversation was open and now answers to the new token hash instead; the old one
   * is kept as moved. The update is conditional on the hash read, so of two moves at once on any
   * instances each records the key it really replaced.
   */
  async replaceVisitorTokenIfOpen(conversationId: string, tokenHash: string, movedAt: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      for (;;) {
        const current = await trx.selectFrom('conversations').select('visitor_token_hash').where('id', '=', conversationId).where('status', '!=', 'closed').executeTakeFirst();
        if (!current) return false;
        const result = await trx
          .updateTable('conversations')
          .set({ visitor_token_hash: tokenHash })
          .where('id', '=', conversationId)
          .where('status', '!=', 'closed')
          .where('visitor_token_hash', '=', current.visitor_token_hash)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) continue;
        await trx.insertInto('moved_visitor_tokens').values({ token_hash: current.visitor_token_hash, conversation_id: conversationId, moved_at: movedAt }).execute();
        return true;
      }
    });
  }

  /** Whether a conversation answered to this token hash before it moved on with another. */
  async isMovedToken(tokenHash: string): Promise<boolean> {
    return (await this.db.selectFrom('moved_visitor_tokens').select('token_hash').where('token_hash', '=', tokenHash).executeTakeFirst()) !== undefined;
  }

  /** True if the conversation was closed and now answers to the new token hash instead. */
  async replaceVisitorTokenIfClosed(conversationId: string, tokenHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ visitor_token_hash: tokenHash })
      .where('id', '=', conversationId)
      .where('status', '=', 'closed')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  findByTokenHash(tokenHash: string): Promise<ConversationRecord | undefined> {
    return this.selectConversations().where('conversations.visitor_token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The desk's waiting queue (oldest first) and the open conversations one staff member is in. */
  async listForStaff(deskId: string, staffId: string): Promise<Conversation[]> {
    const rows = await this.selectConversations()
      .where('conversations.desk_id', '=', deskId)
      .where((eb) =>
        eb.or([
          eb('conversations.status', '=', 'waiting'),
          eb.and([
            eb('conversations.status', '=', 'active'),
            eb.or([eb('conversations.assignee_id', '=', staffId), isParticipant(eb, staffId)]),
          ]),
        ]),
      )
      .orderBy('conversations.created_at')
      .execute();
    return this.withParticipants(rows);
  }

  /** Every waiting and active conversation of the desk, oldest first (the supervisor's view). */
  async listOpen(deskId: string): Promise<Conversation[]> {
    const rows = await this.selectConversations()
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '!=', 'closed')
      .orderBy('conversations.created_at')
      .execute();
    return this.withParticipants(rows);
  }

  /** `alsoStore`: what must be written with it (its report counters). */
  async create(conversation: Omit<ConversationsTable, 'last_seq' | 'staff_read_seq'>, firstMessage: NewMessage, alsoStore: AlsoStore): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({ ...conversation, last_seq: 1, staff_read_seq: 0 })
        .execute();
      await trx
        .insertInto('messages')
        .values({ ...firstMessage, conversation_id: conversation.id, seq: 1 })
        .execute();
      await alsoStore(trx);
    });
  }

  /** Messages with the file each carries, if any. */
  private selectMessages() {
    return this.db
      .selectFrom('messages')
      .leftJoin('files', 'files.id', 'messages.attachment_id')
      .selectAll('messages')
      .select([
        'files.name as file_name',
        'files.content_type as file_content_type',
        'files.size as file_size',
        'files.width as file_width',
        'files.height as file_height',
      ]);
  }

  async findMessageByClientId(conversationId: string, clientId: string): Promise<ConversationMessage | undefined> {
    const row = await this.selectMessages()
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.client_id', '=', clientId)
      .executeTakeFirst();
    return row && withAttachment(row);
  }

  /**
   * Stores a message under the next sequence number of its conversation, if the conversation is
   * open (and, with `staffId`, that staff member is its assignee or a participant). The increment takes the
   * conversation's row lock, so sequence numbers follow commit order; the unique
   * (conversation_id, client_id) key turns a resent message into a duplicate, never a second row.
   * A chat message without a file takes each engine's fast path (append.ts).
   */
  async appendMessage(conversationId: string, message: NewMessage, staffId?: string, file?: AttachmentWrite): Promise<AppendResult> {
    const result = file ? await this.appendWithFile(conversationId, message, file, staffId) : await this.appendText(conversationId, message, staffId);
    if (result !== 'duplicate') return result;
    const existing = message.client_id ? await this.findMessageByClientId(conversationId, message.client_id) : undefined;
    if (!existing) throw new Error(`message ${message.client_id} reported as a duplicate but not found`);
    return { kind: 'duplicate', message: existing };
  }

  private async appendText(conversationId: string, message: NewMessage, staffId?: string): Promise<AppendResult | 'duplicate'> {
    if (!message.client_id || (message.author !== 'visitor' && message.author !== 'staff')) throw new Error('a chat message needs a client id and a person as author');
    const result = await this.appendChat({
      conversationId,
      clientId: message.client_id,
      author: message.author,
      staffId: staffId ?? null,
      authorName: message.author_name,
      body: message.body,
      createdAt: message.created_at,
    });
    if (result.kind !== 'stored') return result.kind === 'duplicate' ? 'duplicate' : result;
    return {
      kind: 'stored',
      message: { ...message, author_id: staffId ?? null, event: null, conversation_id: conversationId, seq: result.seq, attachment_id: null, attachment: null },
      followed: { assignee_id: result.assigneeId, participants: result.participants },
    };
  }

  private async appendWithFile(conversationId: string, message: NewMessage, file: AttachmentWrite, staffId?: string): Promise<AppendResult | 'duplicate'> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const counter = await advance(
          trx,
          conversationId,
          { status: 'open', followedBy: staffId },
          // The first staff message is the first reply (a reporting figure).
          (eb) => (staffId ? { first_reply_at: eb.fn.coalesce('first_reply_at', eb.val(message.created_at)) } : {}),
        );
        if (!counter) return { kind: 'rejected' } as const;
        await file.store(trx);
        const row = { ...message, conversation_id: conversationId, seq: counter.last_seq, attachment_id: file.attachment.id };
        const inserted = await trx
          .insertInto('messages')
          .values(row)
          .onConflict((oc) => oc.columns(['conversation_id', 'client_id']).doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (!inserted) throw new DuplicateClientId();
        const participants = (await participantsOf(trx, [conversationId])).get(conversationId) ?? [];
        return {
          kind: 'stored',
          message: { ...row, attachment: file.attachment },
          followed: { assignee_id: counter.assignee_id, participants },
        } as const;
      });
    } catch (error) {
      if (error instanceof DuplicateClientId) return 'duplicate';
      throw error;
    }
  }

  /** The messages after `afterSeq` in seq order, at most `limit` of them when given. */
  async messagesAfter(conversationId: string, afterSeq: number, limit?: number): Promise<ConversationMessage[]> {
    let query = this.selectMessages()
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.seq', '>', afterSeq)
      .orderBy('messages.seq');
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.execute();
    return rows.map(withAttachment);
  }

  /**
   * Assigns a waiting conversation and records the system message in the same transaction; exactly
   * one of any number of concurrent callers gets the row (the status condition), the rest get null.
   */
  assignIfWaiting(conversationId: string, staffId: string, at: Date, notice: NewMessage): Promise<ConversationMessage | null> {
    return this.db.transaction().execute((trx) =>
      this.appendToLog(trx, conversationId, notice, { status: 'waiting' }, {
        status: 'active',
        assignee_id: staffId,
        assigned_at: at.toISOString(),
        waiting_since: null,
      }),
    );
  }

  /**
   * Moves the staff's read mark forward to `seq` if the staff member is the assignee and the seq
   * exists; false when nothing changed (already read that far, not theirs, or a seq from the future).
   */
  async advanceStaffReadMark(conversationId: string, deskId: string, staffId: string, seq: number): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ staff_read_seq: seq })
      .where('id', '=', conversationId)
      .where('desk_id', '=', deskId)
      .where('assignee_id', '=', staffId)
      .where('staff_read_seq', '<', seq)
      .where('last_seq', '>=', seq)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** True if the conversation was still waiting and now continues in `language`. */
  async changeLanguageIfWaiting(conversationId: string, language: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ language })
      .where('id', '=', conversationId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Puts an active conversation back in the queue with its system message, atomically; null if it
   * was not active (or, with `fromStaffId`, no longer assigned to them). At the front it waits
   * again since it first arrived; otherwise from `at`.
   */
  unassignIfActive(
    conversationId: string,
    change: { front: boolean; at: Date; fromStaffId?: string; language?: string; topic?: string },
    notice: NewMessage,
  ): Promise<ConversationMessage | null> {
    return this.db.transaction().execute((trx) =>
      this.appendToLog(trx, conversationId, notice, { status: 'active', assigneeId: change.fromStaffId }, (eb) => ({
        status: 'waiting',
        assignee_id: null,
        assigned_at: null,
        waiting_since: change.front ? eb.ref('created_at') : change.at.toISOString(),
        ...(change.language && { language: change.language }),
        ...(change.topic && { topic: change.topic }),
      })),
    );
  }

  /**
   * Closes an open conversation (with `from`, only in that state) with its closing system message,
   * atomically, and what `alsoStore` writes about the closed row (its report counters); null if it was not.
   */
  closeIfOpen(
    conversationId: string,
    change: { outcome: CloseOutcome; topic: string; at: Date; from?: ConversationStatus },
    notice: NewMessage,
    alsoStore: (trx: Transaction<DatabaseSchema>, closed: Selectable<ConversationsTable>) => Promise<void>,
  ): Promise<ConversationMessage | null> {
    return this.db.transaction().execute(async (trx) => {
      const message = await this.appendToLog(trx, conversationId, notice, { status: change.from ?? 'open' }, {
        status: 'closed',
        outcome: change.outcome,
        topic: change.topic,
        closed_at: change.at.toISOString(),
        waiting_since: null,
      });
      if (message) await alsoStore(trx, await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow());
      return message;
    });
  }

  /**
   * Puts a conversation that left the queue with `outcome` back at the back of it, with its
   * system message, atomically; null if it is not closed that way (any more). `alsoStore` gets
   * the row as it was closed, under its lock, in the same transaction.
   */
  reopenIfClosedAs(
    conversationId: string,
    outcome: CloseOutcome,
    at: Date,
    notice: NewMessage,
    alsoStore: (trx: Transaction<DatabaseSchema>, closed: Selectable<ConversationsTable>) => Promise<void>,
  ): Promise<ConversationMessage | null> {
    return this.db.transaction().execute(async (trx) => {
      const condition: LogCondition = { status: 'closed', outcome };
      if (!(await this.lock(trx, conversationId, condition))) return null;
      const closed = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow();
      const message = await this.appendToLog(trx, conversationId, notice, condition, {
        status: 'waiting',
        outcome: null,
        closed_at: null,
        waiting_since: at.toISOString(),
      });
      if (message) await alsoStore(trx, closed);
      return message;
    });
  }

  /**
   * The conversation's log, the one way any domain writes into it: in the caller's transaction,
   * if the conversation meets the condition, applies `change` to it and writes `entry` under its
   * next sequence number; null (and nothing written) otherwise. Advancing `last_seq` takes the
   * conversation's row lock, so sequence numbers follow commit order.
   */
  async appendToLog(
    trx: Transaction<DatabaseSchema>,
    conversationId: string,
    entry: NewMessage,
    condition: LogCondition = {},
    change: ConversationChange = {},
  ): Promise<ConversationMessage | null> {
    const counter = await advance(trx, conversationId, condition, change);
    if (!counter) return null;
    const row = { ...entry, conversation_id: conversationId, seq: counter.last_seq, attachment_id: null };
    await trx.insertInto('messages').values(row).execute();
    return { ...row, attachment: null };
  }

  /**
   * Takes the conversation's row lock until the caller's transaction ends, so changes that depend
   * on it run one after the other; false if it does not meet the condition.
   */
  async lock(trx: Transaction<DatabaseSchema>, conversationId: string, condition: LogCondition): Promise<boolean> {
    const locked = await trx
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', conversationId)
      .where((eb) => meets(eb, condition))
      .returning('id')
      .executeTakeFirst();
    return locked !== undefined;
  }
}

/** The participants of each of the given conversations, in the order they joined. */
async function participantsOf(db: Db, conversationIds: string[]): Promise<Map<string, Participant[]>> {
  const byConversation = new Map<string, Participant[]>();
  if (conversationIds.length === 0) return byConversation;
  const rows = await db
    .selectFrom('conversation_participants')
    .innerJoin('staff_users', 'staff_users.id', 'conversation_participants.staff_id')
    .select([
      'conversation_participants.conversation_id',
      'conversation_participants.staff_id',
      'conversation_participants.role',
      'staff_users.name',
    ])
    .where('conversation_participants.conversation_id', 'in', conversationIds)
    .orderBy('conversation_participants.joined_at')
    .execute();
  for (const { conversation_id, ...participant } of rows) {
    byConversation.set(conversation_id, [...(byConversation.get(conversation_id) ?? []), participant]);
  }
  return byConversation;
}

/** A condition on `conversations`: the staff member has joined it as a participant. */
function isParticipant(eb: ConversationsBuilder, staffId: string) {
  return eb.exists(
    eb
      .selectFrom('conversation_participants')
      .select('conversation_participants.staff_id')
      .whereRef('conversation_participants.conversation_id', '=', 'conversations.id')
      .where('conversation_participants.staff_id', '=', staffId),
  );
}

function meets(eb: ConversationsBuilder, condition: LogCondition): Expression<SqlBool> {
  const { status, assigneeId, participantId, followedBy, notFollowedBy, outcome } = condition;
  return eb.and([
    ...(status === 'open' ? [eb('status', '!=', 'closed')] : status ? [eb('status', '=', status)] : []),
    ...(assigneeId ? [eb('assignee_id', '=', assigneeId)] : []),
    ...(participantId ? [isParticipant(eb, participantId)] : []),
    ...(followedBy ? [eb.or([eb('assignee_id', '=', followedBy), isParticipant(eb, followedBy)])] : []),
    ...(notFollowedBy ? [eb('assignee_id', '!=', notFollowedBy), eb.not(isParticipant(eb, notFollowedBy))] : []),
    ...(outcome ? [eb('outcome', '=', outcome)] : []),
  ]);
}

/** Advances the conversation's sequence number with `change`, if it meets the condition. */
function advance(trx: Transaction<DatabaseSchema>, conversationId: string, condition: LogCondition, change: ConversationChange) {
  return trx
    .updateTable('conversations')
    .set((eb) => ({ ...(typeof change === 'function' ? change(eb) : change), last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', conversationId)
    .where((eb) => meets(eb, condition))
    .returning(['last_seq', 'assignee_id'])
    .executeTakeFirst();
}

type JoinedMessage = Selectable<MessagesTable> & {
  file_name: string | null;
  file_content_type: MessageAttachment['content_type'] | null;
  file_size: number | null;
  file_width: number | null;
  file_height: number | null;
};

function withAttachment({ file_name, file_content_type, file_size, file_width, file_height, ...message }: JoinedMessage): ConversationMessage {
  const attachment =
    message.attachment_id && file_name !== null && file_content_type !== null && file_size !== null
      ? { id: message.attachment_id, name: file_name, content_type: file_content_type, size: file_size, width: file_width, height: file_height }
      : null;
  return { ...message, attachment };
}
