import type { Selectable } from 'kysely';
import type { LeftMessageFilesTable, LeftMessageRepliesTable, LeftMessagesTable } from './tables';

/** A message left while the desk was closed, with the name of whoever answered it (fields named as the columns). */
export type StoredLeftMessage = Selectable<LeftMessagesTable> & { answered_by_name: string | null };

/** What a left message shows of a file it carries (never the bytes). */
export type StoredLeftMessageFile = Pick<Selectable<LeftMessageFilesTable>, 'id' | 'left_message_id' | 'reply_id' | 'name' | 'content_type' | 'size'>;

/** A reply in a left message's thread, with the name of the staff member who wrote it (staff replies). */
export type StoredLeftMessageReply = Selectable<LeftMessageRepliesTable> & { staff_name: string | null };
