import type { CallKind } from '../../shared/protocol';
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
  /** Set when the visitor joined a booked call (src/server/bookings) … */
  booking_id: string | null;
  /** … and the kind of call they booked. */
  call_kind: CallKind | null;
  /** Staff have read the conversation up to this seq (read receipts, src/server/signals). */
  staff_read_seq: number;
  /** The IANA time zone the visitor's browser reported at the start (shown to staff), if valid. */
  visitor_time_zone: string | null;
  /** SHA-256 of the visitor's device id, only when they allowed staff to see earlier conversations. */
  device_hash: string | null;
  /** SHA-256 of the network it was started from (clientNetwork), for a block made from it (src/server/blocks). */
  network_hash: string | null;
  /** The language the visitor speaks when the interface does not offer it (a BCP 47 language subtag), if they named one. */
  spoken_language: string | null;
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
  /** The file this message carries (src/server/files), or null. */
  attachment_id: string | null;
}

/** A key a conversation answered to before it went on with a new one (see its migration). */
export interface MovedVisitorTokensTable {
  token_hash: string;
  conversation_id: string;
  moved_at: string;
}

export interface ConversationTables {
  conversations: ConversationsTable;
  messages: MessagesTable;
  moved_visitor_tokens: MovedVisitorTokensTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ConversationTables {}
}
