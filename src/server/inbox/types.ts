import type { Selectable } from 'kysely';
import type { LeftMessageFilesTable, LeftMessagesTable } from './tables';

/** A message left while the desk was closed, with the name of whoever answered it (fields named as the columns). */
export type StoredLeftMessage = Selectable<LeftMessagesTable> & { answered_by_name: string | null };

/** What a left message shows of a file it carries (never the bytes). */
export type StoredLeftMessageFile = Pick<Selectable<LeftMessageFilesTable>, 'id' | 'left_message_id' | 'name' | 'content_type' | 'size'>;
