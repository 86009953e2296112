/** Rows to the wire shapes each side may see. */
import type { ConversationSummary, Message, VisitorConversation } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { ConversationRow, MessageRow } from './repository';

export function toMessage(row: MessageRow): Message {
  return {
    seq: row.seq,
    clientId: row.client_id,
    author: row.author,
    authorName: row.author_name,
    body: row.body,
    event: row.event,
    sentAt: row.created_at,
  };
}

export function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    status: row.status,
    language: row.language as UiLanguage,
    topic: row.topic,
    visitorName: row.visitor_name,
    startedAt: row.created_at,
    waitingSince: row.waiting_since,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    outcome: row.outcome,
    lastSeq: row.last_seq,
  };
}

export function toVisitorView(row: ConversationRow): VisitorConversation {
  return {
    status: row.status,
    language: row.language as UiLanguage,
    topic: row.topic,
    visitorName: row.visitor_name,
    consultantName: row.assignee_name,
    startedAt: row.created_at,
    lastSeq: row.last_seq,
  };
}
