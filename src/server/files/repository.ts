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

  private selectFile(variant: FileVariant) {
    return this.db
      .selectFrom('files')
      .select(['files.id', 'files.conversation_id', 'files.name', 'files.content_type', 'files.size'])
      .select(variant === 'original' ? 'files.data as bytes' : 'files.thumbnail as bytes');
  }
}
