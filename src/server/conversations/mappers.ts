/** Rows to the wire shapes each side may see. */
import { callRecordSchema, type CallRecord, type ConversationSummary, type Message, type VisitorConversation } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { MessageEvent } from './events';
import { followersOf, type Followed } from './followers';
import type { Conversation, ConversationMessage } from './types';

export function toMessage(row: ConversationMessage): Message {
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
    ...(row.translation && { translation: row.translation }),
  };
}

/** The record a stored `call_ended` message carries (written by calls/record.ts); null for any other message. */
export function storedCallRecord(message: { event: string | null; body: string }): CallRecord | null {
  if (message.event !== 'call_ended') return null;
  try {
    const parsed = callRecordSchema.safeParse(JSON.parse(message.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The bus event that brings a stored message to the conversation's people as they are now. */
export function messageEvent(
  conversation: Pick<Conversation, 'id' | 'desk_id'> & Followed,
  message: ConversationMessage,
): MessageEvent {
  return {
    kind: 'message',
    deskId: conversation.desk_id,
    conversationId: conversation.id,
    ...followersOf(conversation),
    message: toMessage(message),
  };
}

/** A message as the visitor receives it: staff are known to them by name, not by account id. */
export function toVisitorMessage(message: Message): Message {
  const { authorId, ...visible } = message;
  return visible;
}

export function toSummary(row: Conversation): ConversationSummary {
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
    spokenLanguage: row.spoken_language,
    participants: row.participants.map((participant) => ({ id: participant.staff_id, name: participant.name, role: participant.role })),
  };
}

export function toVisitorView(row: Conversation): VisitorConversation {
  return {
    status: row.status,
    language: row.language as UiLanguage,
    topic: row.topic,
    visitorName: row.visitor_name,
    consultantName: row.assignee_name,
    startedAt: row.created_at,
    lastSeq: row.last_seq,
    readSeq: row.staff_read_seq,
    ...(row.status === 'closed' && row.outcome === 'visitor_absent' && { mayRejoin: true }),
  };
}
