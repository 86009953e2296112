/**
 * What the privacy tool reads and deletes of other domains' tables (as retention does): finding a
 * person's rows by a key, reading them whole for an export, erasing conversations and the mails
 * and counters an address left behind, and removing one message's text. Bookings and left
 * messages are erased by their own services (a live booking frees its place).
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';

export interface StoredFileMeta {
  id: string;
  name: string;
  content_type: DatabaseSchema['files']['content_type'];
  size: number;
}

const NOTHING = ['00000000-0000-0000-0000-000000000000'];
/** `in ()` is not SQL: an empty list matches nothing. */
const orNothing = (ids: readonly string[]) => (ids.length > 0 ? ids : NOTHING);

export class PrivacyRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async conversationByCaseCode(deskId: string, codeHash: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('case_codes')
      .innerJoin('conversations', 'conversations.id', 'case_codes.conversation_id')
      .select('conversations.id')
      .where('case_codes.code_hash', '=', codeHash)
      .where('conversations.desk_id', '=', deskId)
      .execute();
    return rows.map((row) => row.id);
  }

  async leftMessagesBy(deskId: string, by: { reference: string } | { email: string }): Promise<string[]> {
    let query = this.db.selectFrom('left_messages').select('id').where('desk_id', '=', deskId);
    query = 'reference' in by ? query.where('reference', '=', by.reference) : query.where((eb) => eb(eb.fn('lower', ['email']), '=', by.email.toLowerCase()));
    return (await query.execute()).map((row) => row.id);
  }

  async bookingsByEmail(deskId: string, email: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('bookings')
      .select('id')
      .where('desk_id', '=', deskId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .execute();
    return rows.map((row) => row.id);
  }

  async existing(deskId: string, table: 'conversations' | 'bookings', id: string): Promise<string[]> {
    const rows = await this.db.selectFrom(table).select('id').where('desk_id', '=', deskId).where('id', '=', id).execute();
    return rows.map((row) => row.id);
  }

  /** The conversations a visitor joined these bookings' calls with. */
  async conversationsOfBookings(bookingIds: readonly string[]): Promise<string[]> {
    const rows = await this.db.selectFrom('conversations').select('id').where('booking_id', 'in', orNothing(bookingIds)).execute();
    return rows.map((row) => row.id);
  }

  /** The bookings these conversations were the calls of. */
  async bookingsOfConversations(conversationIds: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .innerJoin('bookings', 'bookings.id', 'conversations.booking_id')
      .select('bookings.id')
      .where('conversations.id', 'in', orNothing(conversationIds))
      .execute();
    return rows.map((row) => row.id);
  }

  conversations(ids: readonly string[]) {
    return this.db.selectFrom('conversations').selectAll().where('id', 'in', orNothing(ids)).orderBy('created_at').execute();
  }

  messages(conversationIds: readonly string[]) {
    return this.db
      .selectFrom('messages')
      .leftJoin('files', 'files.id', 'messages.attachment_id')
      .select(['messages.conversation_id', 'messages.seq', 'messages.author', 'messages.author_name', 'messages.body', 'messages.event', 'messages.created_at'])
      .select(['files.id as file_id', 'files.name as file_name', 'files.content_type as file_type', 'files.size as file_size'])
      .where('messages.conversation_id', 'in', orNothing(conversationIds))
      .orderBy('messages.conversation_id')
      .orderBy('messages.seq')
      .execute();
  }

  leftMessages(ids: readonly string[]) {
    return this.db.selectFrom('left_messages').selectAll().where('id', 'in', orNothing(ids)).orderBy('created_at').execute();
  }

  leftMessageReplies(ids: readonly string[]) {
    return this.db.selectFrom('left_message_replies').selectAll().where('left_message_id', 'in', orNothing(ids)).orderBy('seq').execute();
  }

  leftMessageFiles(ids: readonly string[]) {
    return this.db.selectFrom('left_message_files').select(['id', 'left_message_id', 'name', 'content_type', 'size']).where('left_message_id', 'in', orNothing(ids)).execute();
  }

  bookings(ids: readonly string[]) {
    return this.db.selectFrom('bookings').selectAll().where('id', 'in', orNothing(ids)).orderBy('starts_at').execute();
  }

  /** The bytes of these chat files and left messages' files, by file id. */
  async fileBytes(chatFileIds: readonly string[], leftMessageFileIds: readonly string[]): Promise<Map<string, Buffer>> {
    const chat = await this.db.selectFrom('files').select(['id', 'data']).where('id', 'in', orNothing(chatFileIds)).execute();
    const left = await this.db.selectFrom('left_message_files').select(['id', 'data']).where('id', 'in', orNothing(leftMessageFileIds)).execute();
    return new Map([...chat, ...left].map((row) => [row.id, Buffer.from(row.data)]));
  }

  async anyOpen(conversationIds: readonly string[]): Promise<boolean> {
    const row = await this.db.selectFrom('conversations').select('id').where('id', 'in', orNothing(conversationIds)).where('status', '<>', 'closed').executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Closed conversations, and by ON DELETE CASCADE everything of them (messages, files, translations, notes, calls…);
   * blocks made from them too, which hold the visitor's hashes and the reason staff gave but no foreign key.
   */
  async eraseConversations(ids: readonly string[]): Promise<number> {
    await this.db.deleteFrom('visitor_blocks').where('conversation_id', 'in', orNothing(ids)).execute();
    const result = await this.db.deleteFrom('conversations').where('id', 'in', orNothing(ids)).where('status', '=', 'closed').executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * The mails stored for these addresses (any case), and the counters kept as hashes of them
   * (`recipientKeys`: mail per day; `holderKeys`: booking holders' lock rows).
   */
  async eraseMailTraces(emails: readonly string[], recipientKeys: readonly string[], holderKeys: readonly string[]): Promise<number> {
    const lowered = emails.map((email) => email.toLowerCase());
    const result = await this.db
      .deleteFrom('mail_outbox')
      .where((eb) => eb(eb.fn('lower', ['recipient']), 'in', lowered.length > 0 ? lowered : NOTHING))
      .executeTakeFirst();
    await this.db.deleteFrom('mail_recipient_days').where('recipient_key', 'in', orNothing(recipientKeys)).execute();
    await this.db.deleteFrom('booking_holder_locks').where('holder_key', 'in', orNothing(holderKeys)).execute();
    return Number(result.numDeletedRows);
  }

  /**
   * Leaves a visitor's or staff message of this desk's conversation as the `message_removed`
   * marker: its text, author, translations and file gone. False if there is no such message.
   */
  redact(deskId: string, conversationId: string, seq: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const message = await trx
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .select(['messages.attachment_id', 'messages.author'])
        .where('conversations.desk_id', '=', deskId)
        .where('messages.conversation_id', '=', conversationId)
        .where('messages.seq', '=', seq)
        .executeTakeFirst();
      if (!message || message.author === 'system') return false;
      await trx
        .updateTable('messages')
        .set({ author: 'system', author_id: null, author_name: null, body: '', event: 'message_removed', attachment_id: null })
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', seq)
        .execute();
      await trx.deleteFrom('message_translations').where('conversation_id', '=', conversationId).where('seq', '=', seq).execute();
      // After the message let go of it: the file's foreign key would take the message along.
      if (message.attachment_id) await trx.deleteFrom('files').where('id', '=', message.attachment_id).execute();
      return true;
    });
  }
}
