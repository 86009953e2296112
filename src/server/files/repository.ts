/** The only place that speaks SQL about files. */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import { AppError } from '../errors';
import type { FilesTable } from './tables';

export type StoredFile = Pick<Selectable<FilesTable>, 'id' | 'conversation_id' | 'name' | 'content_type' | 'size'> & {
  /** Null when asking for the thumbnail of a document. */
  bytes: Buffer | null;
};
export type FileVariant = 'original' | 'thumbnail';
export type PendingFile = Pick<Selectable<FilesTable>, 'id' | 'conversation_id' | 'client_id' | 'name' | 'content_type' | 'size' | 'width' | 'height' | 'data'>;

export class FileRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async countForConversation(conversationId: string, db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema> = this.db): Promise<number> {
    const { count } = await db
      .selectFrom('files')
      .where('conversation_id', '=', conversationId)
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /**
   * Inserts the file inside its message's transaction, which holds the conversation's row lock:
   * of concurrent uploads only as many (and as many bytes) as fit are stored, on any number of instances.
   */
  async insertIfRoom(trx: Transaction<DatabaseSchema>, file: Insertable<FilesTable>, room: { files: number; bytes: number }): Promise<void> {
    const held = await trx
      .selectFrom('files')
      .where('conversation_id', '=', file.conversation_id)
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.coalesce(eb.fn.sum('size'), eb.lit(0)).as('bytes')])
      .executeTakeFirstOrThrow();
    if (Number(held.count) >= room.files) throw new AppError('too_many_files');
    if (Number(held.bytes) + file.size > room.bytes) throw new AppError('file_quota_exceeded');
    await trx.insertInto('files').values(file).execute();
  }

  /** A visitor's file that waits for clamd, stored without its message under the same room rules. */
  async insertPendingIfRoom(file: Insertable<FilesTable> & { client_id: string }, room: { files: number; bytes: number }): Promise<void> {
    await this.db.transaction().execute((trx) => this.insertIfRoom(trx, { ...file, scan_status: 'pending' }, room));
  }

  /** Whether this upload (conversation and client id) waits for clamd already: a retry stores nothing more. */
  async isPending(conversationId: string, clientId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('files')
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .where('scan_status', '=', 'pending')
      .select('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The desk's files waiting for clamd, oldest first, with their bytes. */
  pending(deskId: string, limit: number): Promise<PendingFile[]> {
    return this.db
      .selectFrom('files')
      .innerJoin('conversations', 'conversations.id', 'files.conversation_id')
      .where('conversations.desk_id', '=', deskId)
      .where('files.scan_status', '=', 'pending')
      .select(['files.id', 'files.conversation_id', 'files.client_id', 'files.name', 'files.content_type', 'files.size', 'files.width', 'files.height', 'files.data'])
      .orderBy('files.created_at')
      .limit(limit)
      .execute();
  }

  /** In its message's transaction: the file is clean and belongs to its message from now on. */
  async markClean(trx: Transaction<DatabaseSchema>, fileId: string): Promise<void> {
    await trx.updateTable('files').set({ scan_status: 'clean', client_id: null }).where('id', '=', fileId).execute();
  }

  async deletePending(fileId: string): Promise<void> {
    await this.db.deleteFrom('files').where('id', '=', fileId).where('scan_status', '=', 'pending').execute();
  }

  /** The file if it belongs to this conversation (a visitor's only one). */
  findInConversation(fileId: string, conversationId: string, variant: FileVariant): Promise<StoredFile | undefined> {
    return this.selectFile(variant).where('files.id', '=', fileId).where('files.conversation_id', '=', conversationId).executeTakeFirst();
  }

  /** The file if its conversation belongs to this desk (any of its staff may read it). */
  findInDesk(fileId: string, deskId: string, variant: FileVariant): Promise<StoredFile | undefined> {
    return this.selectFile(variant)
      .innerJoin('conversations', 'conversations.id', 'files.conversation_id')
      .where('files.id', '=', fileId)
      .where('conversations.desk_id', '=', deskId)
      .executeTakeFirst();
  }

  /** Only clean files are ever served: a pending one waits for clamd. */
  private selectFile(variant: FileVariant) {
    return this.db
      .selectFrom('files')
      .where('files.scan_status', '=', 'clean')
      .select(['files.id', 'files.conversation_id', 'files.name', 'files.content_type', 'files.size'])
      .select(variant === 'original' ? 'files.data as bytes' : 'files.thumbnail as bytes');
  }
}
