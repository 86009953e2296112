import type { Generated } from 'kysely';
import type { ScanStatus } from '../files/screening';
import type { FileType, LeftMessageReplyAuthor, LeftMessageStatus } from '../../shared/protocol';

/** A message a visitor left for the desk, answered by e-mail and on its private page. */
export interface LeftMessagesTable {
  id: string;
  desk_id: string;
  /** Human reference, e.g. EK-7K3Q-9PXD: in e-mails and on the private page. */
  reference: string;
  /** SHA-256 of the private link's token (src/server/tokens.ts). */
  token_hash: string;
  language: string;
  topic: string;
  /** Where the answer goes; shown to staff only. */
  email: string;
  body: string;
  status: LeftMessageStatus;
  created_at: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  /** The latest answer (the first or a later one in the thread); retention counts from it. */
  last_answered_at: string | null;
  closed_at: string | null;
}

/** After the first answer: the visitor's replies and the office's further answers, oldest first. */
export interface LeftMessageRepliesTable {
  id: string;
  left_message_id: string;
  /** 1, 2, … within the thread: its order. */
  seq: number;
  author: LeftMessageReplyAuthor;
  body: string;
  /** Who answered (staff replies only). */
  staff_id: string | null;
  created_at: string;
}

/** A file the visitor attached to their message; checked and cleaned like a chat file (src/server/files). */
export interface LeftMessageFilesTable {
  id: string;
  left_message_id: string;
  /** After sanitiseFileName; only ever used in Content-Disposition. */
  name: string;
  content_type: FileType;
  size: number;
  data: Buffer;
  created_at: string;
  /** The visitor's reply it came with; null: with the message itself. */
  reply_id: string | null;
  /** Staff see only clean files; pending ones wait for clamd (files/screening.ts). */
  scan_status: Generated<ScanStatus>;
}

export interface InboxTables {
  left_messages: LeftMessagesTable;
  left_message_files: LeftMessageFilesTable;
  left_message_replies: LeftMessageRepliesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends InboxTables {}
}
