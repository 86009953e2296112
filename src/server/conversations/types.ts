import type { Selectable } from 'kysely';
import type { MessageTranslation } from '../../shared/protocol';
import type { AUTHOR_KINDS, CLOSE_OUTCOMES, CONVERSATION_STATUSES, ParticipantRole, SYSTEM_EVENTS } from '../../shared/protocol';
import type { FilesTable } from '../files/tables';
import type { ConversationsTable, MessagesTable } from './tables';

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/**
 * A conversation as the repository hands it out: its stored fields (named as the columns), its
 * assignee's name and the staff who joined beside them.
 */
export type Conversation = Selectable<ConversationsTable> & { assignee_name: string | null; participants: Participant[] };

/** What a message shows of the file it carries (joined from `files`, never the bytes). */
export type MessageAttachment = Pick<FilesTable, 'id' | 'name' | 'content_type' | 'size' | 'width' | 'height'>;

/** An entry of a conversation's log (a message or a system notice) with the file it carries. */
export type ConversationMessage = Selectable<MessagesTable> & {
  attachment: MessageAttachment | null;
  /** Its machine translation, when the conversation is translated (src/server/translation). */
  translation?: MessageTranslation;
};

/** A staff member beside the conversation's assignee. */
export interface Participant {
  staff_id: string;
  name: string;
  role: ParticipantRole;
}
