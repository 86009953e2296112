/**
 * The only place that speaks SQL about conversations and messages. Every write that must be
 * atomic (a message and its sequence number, a take, a close) is one transaction or one
 * conditional update, so it stays correct with several server instances on one database.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { FilesTable } from '../files/tables';
import { isParticipant, participantsOf, type ParticipantRow } from '../participants/repository';
import type { ConversationsTable, MessagesTable } from './tables';
import type { CloseOutcome } from './types';

/** A conversation with its assignee's name and the staff who joined beside them. */
export type ConversationRow = Selectable<ConversationsTable> & { assignee_name: string | null; participants: ParticipantRow[] };
type ConversationRecord = Omit<ConversationRow, 'participants'>;
/** What a message shows of the file it carries (joined from `files`, never the bytes). */
export type MessageAttachment = Pick<FilesTable, 'id' | 'name' | 'content_type' | 'size' | 'width' | 'height'>;
export type MessageRow = Selectable<MessagesTable> & { attachment: MessageAttachment | null };
export type NewMessage = Omit<MessagesTable, 'conversation_id' | 'seq' | 'attachment_id'>;

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
  | { kind: 'stored'; message: MessageRow; assigneeId: string | null; participantIds: string[] }
  | { kind: 'duplicate'; message: MessageRow }
  /** The conversation is closed, missing, or the staff member is neither its assignee nor a participant. */
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

  async findById(id: string): Promise<ConversationRow | undefined> {
    const row = await this.selectConversations().where('conversations.id', '=', id).executeTakeFirst();
    return row && (await this.withParticipants([row]))[0];
  }

  /** Attaches each conversation's participants (one query for all of them). */
  async withParticipants(rows: ConversationRecord[]): Promise<ConversationRow[]> {
    const participants = await participantsOf(this.db, rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, participants: participants.get(row.id) ?? [] }));
  }

  /** True if the conversation was open and now answers to the new token hash instead. */
  async replaceVisitorTokenIfOpen(conversationId: string, tokenHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ visitor_token_hash: tokenHash })
      .where('id', '=', conversationId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async findByTokenHash(tokenHash: string): Promise<ConversationRow | undefined> {
    const row = await this.selectConversations().where('conversations.visitor_token_hash', '=', tokenHash).executeTakeFirst();
    return row && (await this.withParticipants([row]))[0];
  }

  /** The desk's waiting queue (oldest first) and the open conversations one staff member is in. */
  async listForStaff(deskId: string, staffId: string): Promise<ConversationRow[]> {
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
  async listOpen(deskId: string): Promise<ConversationRow[]> {
    const rows = await this.selectConversations()
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.status', '!=', 'closed')
      .orderBy('conversations.created_at')
      .execute();
    return this.withParticipants(rows);
  }

  async create(conversation: Omit<ConversationsTable, 'last_seq' | 'staff_read_seq'>, firstMessage: NewMessage): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({ ...conversation, last_seq: 1, staff_read_seq: 0 })
        .execute();
      await trx
        .insertInto('messages')
        .values({ ...firstMessage, conversation_id: conversation.id, seq: 1 })
        .execute();
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

  async findMessageByClientId(conversationId: string, clientId: string): Promise<MessageRow | undefined> {
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
   */
  async appendMessage(conversationId: string, message: NewMessage, staffId?: string, file?: AttachmentWrite): Promise<AppendResult> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        let update = trx
          .updateTable('conversations')
          .set((eb) => ({
            last_seq: eb('last_seq', '+', 1),
            // The first staff message is the first reply (a reporting figure).
            ...(staffId && { first_reply_at: eb.fn.coalesce('first_reply_at', eb.val(message.created_at)) }),
          }))
          .where('id', '=', conversationId)
          .where('status', '!=', 'closed');
        if (staffId) update = update.where((eb) => eb.or([eb('assignee_id', '=', staffId), isParticipant(eb, staffId)]));
        const counter = await update.returning(['last_seq', 'assignee_id']).executeTakeFirst();
        if (!counter) return { kind: 'rejected' } as const;
        await file?.store(trx);
        const row = { ...message, conversation_id: conversationId, seq: counter.last_seq, attachment_id: file?.attachment.id ?? null };
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
          message: { ...row, attachment: file?.attachment ?? null },
          assigneeId: counter.assignee_id,
          participantIds: participants.map((participant) => participant.staff_id),
        } as const;
      });
    } catch (error) {
      if (!(error instanceof DuplicateClientId) || !message.client_id) throw error;
      const existing = await this.findMessageByClientId(conversationId, message.client_id);
      if (!existing) throw error;
      return { kind: 'duplicate', message: existing };
    }
  }

  async messagesAfter(conversationId: string, afterSeq: number): Promise<MessageRow[]> {
    const rows = await this.selectMessages()
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.seq', '>', afterSeq)
      .orderBy('messages.seq')
      .execute();
    return rows.map(withAttachment);
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
  ): Promise<MessageRow | null> {
    return this.db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'waiting' as const,
          assignee_id: null,
          assigned_at: null,
          waiting_since: change.front ? eb.ref('created_at') : change.at.toISOString(),
          last_seq: eb('last_seq', '+', 1),
          ...(change.language && { language: change.language }),
          ...(change.topic && { topic: change.topic }),
        }))
        .where('id', '=', conversationId)
        .where('status', '=', 'active');
      if (change.fromStaffId) update = update.where('assignee_id', '=', change.fromStaffId);
      const counter = await update.returning('last_seq').executeTakeFirst();
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
    const row = { ...message, conversation_id: conversationId, seq, attachment_id: null };
    await trx.insertInto('messages').values(row).execute();
    return { ...row, attachment: null };
  }
}

type JoinedMessage = Selectable<MessagesTable> & {
  file_name: string | null;
  file_content_type: MessageAttachment['content_type'] | null;
  file_size: number | null;
  file_width: number | null;
  file_height: number | null;
};

function withAttachment({ file_name, file_content_type, file_size, file_width, file_height, ...message }: JoinedMessage): MessageRow {
  const attachment =
    message.attachment_id && file_name !== null && file_content_type !== null && file_size !== null
      ? { id: message.attachment_id, name: file_name, content_type: file_content_type, size: file_size, width: file_width, height: file_height }
      : null;
  return { ...message, attachment };
}
