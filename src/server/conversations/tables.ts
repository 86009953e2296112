import type { ConversationStatus, CloseOutcome, AuthorKind, SystemEvent } from './types';

export interface ConversationsTable {
  id: string;
  desk_id: string;
  /** SHA-256 of the visitor's bearer token; the token itself is never stored. */
  visitor_token_hash: string;
  language: string;
  topic: string;
  visitor_name: string | null;
  status: ConversationStatus;
  assignee_id: string | null;
  created_at: string;
  waiting_since: string | null;
  assigned_at: string | null;
  first_reply_at: string | null;
  closed_at: string | null;
  outcome: CloseOutcome | null;
  /** The highest sequence number handed out; incremented inside the message's transaction. */
  last_seq: number;
}

export interface MessagesTable {
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: AuthorKind;
  author_id: string | null;
  author_name: string | null;
  body: string;
  event: SystemEvent | null;
  created_at: string;
}

export interface ConversationTables {
  conversations: ConversationsTable;
  messages: MessagesTable;
}
