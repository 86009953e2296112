import type { FileType, LeftMessageStatus } from '../../shared/protocol';

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
  closed_at: string | null;
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
}

export interface InboxTables {
  left_messages: LeftMessagesTable;
  left_message_files: LeftMessageFilesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends InboxTables {}
}
