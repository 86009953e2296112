/** The only place that speaks SQL about left messages and their threads. */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { AppError } from '../errors';
import type { LeftMessageStatus } from '../../shared/protocol';
import type { DatabaseSchema } from '../db/schema';
import type { InboxReader } from './reader';
import type { LeftMessageFilesTable, LeftMessageRepliesTable, LeftMessagesTable } from './tables';
import type { StoredLeftMessage, StoredLeftMessageFile, StoredLeftMessageReply } from './types';

export type NewLeftMessage = Omit<LeftMessagesTable, 'answer' | 'answered_at' | 'answered_by' | 'last_answered_at' | 'closed_at'>;

export type NewReply = Omit<LeftMessageRepliesTable, 'seq'>;

/** How the office's answer went in: the first one, or one more in the thread. */
export type Answered = 'first' | 'again';

/** What a whole thread may hold in files: the chat's limits for one conversation. */
export interface ThreadRoom {
  files: number;
  bytes: number;
}

/** Writes that belong with a left message's own (its e-mail): stored together or not at all. */
type AlsoStore = (trx: Transaction<DatabaseSchema>) => Promise<void>;

const INBOX_PAGE = 200;

export class LeftMessageRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  private select() {
    return this.db
      .selectFrom('left_messages')
      .leftJoin('staff_users', 'staff_users.id', 'left_messages.answered_by')
      .selectAll('left_messages')
      .select('staff_users.name as answered_by_name');
  }

  /**
   * Stores the message and, in the same transaction, whatever `alsoStore` writes (its e-mail).
   * False when the reference is taken (the caller draws another) and nothing was written; the
   * token hash is unique by chance.
   */
  insertIfReferenceFree(message: NewLeftMessage, alsoStore: AlsoStore): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('left_messages')
        .values({ ...message, answer: null, answered_at: null, answered_by: null, last_answered_at: null, closed_at: null })
        .onConflict((oc) => oc.column('reference').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await alsoStore(trx);
      return true;
    });
  }

  async insertFiles(trx: Transaction<DatabaseSchema>, files: Insertable<LeftMessageFilesTable>[]): Promise<void> {
    if (files.length > 0) await trx.insertInto('left_message_files').values(files).execute();
  }

  /** The clean files of these messages and their replies (without their bytes), oldest first; pending ones wait for clamd. */
  filesOf(messageIds: readonly string[]): Promise<StoredLeftMessageFile[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('left_message_files')
      .select(['id', 'left_message_id', 'reply_id', 'name', 'content_type', 'size'])
      .where('left_message_id', 'in', messageIds)
      .where('scan_status', '=', 'clean')
      .orderBy('created_at')
      .orderBy('name')
      .execute();
  }

  /** The file with its bytes, if it belongs to this message. */
  findFile(messageId: string, fileId: string): Promise<(StoredLeftMessageFile & { bytes: Buffer }) | undefined> {
    return this.db
      .selectFrom('left_message_files')
      .select(['id', 'left_message_id', 'reply_id', 'name', 'content_type', 'size', 'data as bytes'])
      .where('left_message_id', '=', messageId)
      .where('id', '=', fileId)
      .where('scan_status', '=', 'clean')
      .executeTakeFirst();
  }

  /** How many of the message's files still wait for clamd. */
  async countPendingFiles(messageId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('left_message_files')
      .where('left_message_id', '=', messageId)
      .where('scan_status', '=', 'pending')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** The desk's files waiting for clamd, oldest first, with their bytes. */
  pendingFiles(deskId: string, limit: number): Promise<{ id: string; left_message_id: string; data: Buffer }[]> {
    return this.db
      .selectFrom('left_message_files')
      .innerJoin('left_messages', 'left_messages.id', 'left_message_files.left_message_id')
      .where('left_messages.desk_id', '=', deskId)
      .where('left_message_files.scan_status', '=', 'pending')
      .select(['left_message_files.id', 'left_message_files.left_message_id', 'left_message_files.data'])
      .orderBy('left_message_files.created_at')
      .limit(limit)
      .execute();
  }

  async markFileClean(fileId: string): Promise<void> {
    await this.db.updateTable('left_message_files').set({ scan_status: 'clean' }).where('id', '=', fileId).execute();
  }

  async deletePendingFile(fileId: string): Promise<void> {
    await this.db.deleteFrom('left_message_files').where('id', '=', fileId).where('scan_status', '=', 'pending').execute();
  }

  findByTokenHash(tokenHash: string): Promise<StoredLeftMessage | undefined> {
    return this.select().where('left_messages.token_hash', '=', tokenHash).executeTakeFirst();
  }

  findInDesk(deskId: string, id: string): Promise<StoredLeftMessage | undefined> {
    return this.select().where('left_messages.desk_id', '=', deskId).where('left_messages.id', '=', id).executeTakeFirst();
  }

  /**
   * Oldest first within a status (first come, first answered); newest first across all. Only what
   * `reader` may read: a consultant's languages (and topics, if they have any) and what they answered.
   */
  list(reader: InboxReader, status: LeftMessageStatus | undefined): Promise<StoredLeftMessage[]> {
    let query = this.select().where('left_messages.desk_id', '=', reader.deskId);
    const scope = reader.scope;
    if (scope !== 'desk') {
      query = query.where((w) =>
        w.or([
          w.and([
            w('left_messages.language', 'in', scope.languages.length > 0 ? scope.languages : ['']),
            ...(scope.topics.length > 0 ? [w('left_messages.topic', 'in', scope.topics)] : []),
          ]),
          w('left_messages.answered_by', '=', reader.staffId),
        ]),
      );
    }
    query = status
      ? query.where('left_messages.status', '=', status).orderBy('left_messages.created_at', 'asc')
      : query.orderBy('left_messages.created_at', 'desc');
    return query.limit(INBOX_PAGE).execute();
  }

  /** The replies of these messages' threads, oldest first. */
  repliesOf(messageIds: readonly string[]): Promise<StoredLeftMessageReply[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('left_message_replies')
      .leftJoin('staff_users', 'staff_users.id', 'left_message_replies.staff_id')
      .selectAll('left_message_replies')
      .select('staff_users.name as staff_name')
      .where('left_message_replies.left_message_id', 'in', messageIds)
      .orderBy('left_message_replies.left_message_id')
      .orderBy('left_message_replies.seq')
      .execute();
  }

  /**
   * Answers a new message — its first answer, or one more in its thread after a reply — and, in
   * the same transaction, stores whatever `alsoStore` writes (the answer's e-mail, its count);
   * null if it was not new any more (answered or closed meanwhile).
   */
  answerIfNew(id: string, answer: string, staffId: string, at: string, alsoStore: (trx: Transaction<DatabaseSchema>, answered: Answered) => Promise<void>): Promise<Answered | null> {
    return this.db.transaction().execute(async (trx) => {
      const first = await trx
        .updateTable('left_messages')
        .set({ status: 'answered', answer, answered_by: staffId, answered_at: at, last_answered_at: at })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .where('answer', 'is', null)
        .executeTakeFirst();
      let answered: Answered = 'first';
      if (first.numUpdatedRows !== 1n) {
        const again = await trx
          .updateTable('left_messages')
          .set({ status: 'answered', last_answered_at: at })
          .where('id', '=', id)
          .where('status', '=', 'new')
          .where('answer', 'is not', null)
          .executeTakeFirst();
        if (again.numUpdatedRows !== 1n) return null;
        await this.insertReply(trx, { id: randomUUID(), left_message_id: id, author: 'staff', body: answer, staff_id: staffId, created_at: at });
        answered = 'again';
      }
      await alsoStore(trx, answered);
      return answered;
    });
  }

  /**
   * The visitor's reply to an answer: the message becomes new again and the reply and its files
   * are stored, with what `alsoStore` writes, in one transaction; false when there is nothing to
   * reply to (no answer yet) or the message is closed, and nothing is written. The files are
   * counted in the transaction that holds the message's row, so replies at once cannot together
   * pass the thread's room; throws too_many_files or file_quota_exceeded (nothing written).
   */
  replyIfAnswered(
    reply: NewReply,
    files: Insertable<LeftMessageFilesTable>[],
    room: ThreadRoom,
    alsoStore: AlsoStore,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const reopened = await trx
        .updateTable('left_messages')
        .set({ status: 'new' })
        .where('id', '=', reply.left_message_id)
        .where('status', '!=', 'closed')
        .where('answer', 'is not', null)
        .executeTakeFirst();
      if (reopened.numUpdatedRows !== 1n) return false;
      if (files.length > 0) {
        const held = await trx
          .selectFrom('left_message_files')
          .where('left_message_id', '=', reply.left_message_id)
          .select((eb) => [eb.fn.countAll().as('count'), eb.fn.coalesce(eb.fn.sum('size'), eb.lit(0)).as('bytes')])
          .executeTakeFirstOrThrow();
        if (Number(held.count) + files.length > room.files) throw new AppError('too_many_files');
        if (Number(held.bytes) + files.reduce((sum, file) => sum + file.size, 0) > room.bytes) throw new AppError('file_quota_exceeded');
      }
      await this.insertReply(trx, reply);
      await this.insertFiles(trx, files);
      await alsoStore(trx);
      return true;
    });
  }

  /** Numbers the reply after the thread's last; the caller's transaction holds the message's row. */
  private async insertReply(trx: Transaction<DatabaseSchema>, reply: NewReply): Promise<void> {
    const { last } = await trx
      .selectFrom('left_message_replies')
      .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
      .where('left_message_id', '=', reply.left_message_id)
      .executeTakeFirstOrThrow();
    await trx.insertInto('left_message_replies').values({ ...reply, seq: Number(last) + 1 }).execute();
  }

  /** Deletes these messages, and by cascade their files and replies; returns how many went. */
  async eraseMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.deleteFrom('left_messages').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Closes a message that is not closed yet; false if it already was. */
  async closeIfOpen(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('left_messages')
      .set({ status: 'closed', closed_at: at })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
