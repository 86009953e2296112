/** The only place that speaks SQL about left messages. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { LeftMessageStatus } from '../../shared/protocol';
import type { DatabaseSchema } from '../db/schema';
import type { InboxReader } from './reader';
import type { LeftMessageFilesTable, LeftMessagesTable } from './tables';
import type { StoredLeftMessage, StoredLeftMessageFile } from './types';

export type NewLeftMessage = Omit<LeftMessagesTable, 'answer' | 'answered_at' | 'answered_by' | 'closed_at'>;

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
        .values({ ...message, answer: null, answered_at: null, answered_by: null, closed_at: null })
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

  /** The files of these messages (without their bytes), oldest first. */
  filesOf(messageIds: readonly string[]): Promise<StoredLeftMessageFile[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('left_message_files')
      .select(['id', 'left_message_id', 'name', 'content_type', 'size'])
      .where('left_message_id', 'in', messageIds)
      .orderBy('created_at')
      .orderBy('name')
      .execute();
  }

  /** The file with its bytes, if it belongs to this message. */
  findFile(messageId: string, fileId: string): Promise<(StoredLeftMessageFile & { bytes: Buffer }) | undefined> {
    return this.db
      .selectFrom('left_message_files')
      .select(['id', 'left_message_id', 'name', 'content_type', 'size', 'data as bytes'])
      .where('left_message_id', '=', messageId)
      .where('id', '=', fileId)
      .executeTakeFirst();
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

  /**
   * Answers a new message and, in the same transaction, stores whatever `alsoStore` writes (the
   * answer's e-mail); false if it was not new any more (answered or closed meanwhile).
   */
  answerIfNew(id: string, answer: string, staffId: string, at: string, alsoStore: AlsoStore): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('left_messages')
        .set({ status: 'answered', answer, answered_by: staffId, answered_at: at })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) return false;
      await alsoStore(trx);
      return true;
    });
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
