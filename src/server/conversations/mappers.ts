/** Rows to the wire shapes each side may see. */
import type { ConversationSummary, Message, VisitorConversation } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import { storedCallRecord } from '../calls/record';
import type { ConversationRow, MessageRow } from './repository';

export function toMessage(row: MessageRow): Message {
  const call = storedCallRecord(row);
  return {
    seq: row.seq,
    clientId: row.client_id,
    author: row.author,
    authorName: row.author_name,
    // A call's record travels as `call`, not as text.
    body: call ? '' : row.body,
    event: row.event,
    sentAt: row.created_at,
    authorId: row.author_id,
    attachment: row.attachment && {
      id: row.attachment.id,
      name: row.attachment.name,
      contentType: row.attachment.content_type,
      size: row.attachment.size,
      width: row.attachment.width,
      height: row.attachment.height,
    },
    ...(call && { call }),
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
    bookedCall: row.call_kind,
    participants: row.participants.map((participant) => ({ id: participant.staff_id, name: participant.name, role: participant.role })),
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
    readSeq: row.staff_read_seq,
  };
}
