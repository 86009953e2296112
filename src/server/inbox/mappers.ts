import type { LeftMessageFile, LeftMessageReply, StaffLeftMessage, VisitorLeftMessage } from '../../shared/protocol';
import type { StoredLeftMessage, StoredLeftMessageFile, StoredLeftMessageReply } from './types';

/** A message with its thread: the files of the message and all its replies, and the replies oldest first. */
export interface LeftMessageThread {
  message: StoredLeftMessage;
  files: readonly StoredLeftMessageFile[];
  replies: readonly StoredLeftMessageReply[];
}

/** The visitor replies to an answer, so only once there is one, and not after the office closed the message. */
export function canReply(message: Pick<StoredLeftMessage, 'answer' | 'status'>): boolean {
  return message.answer !== null && message.status !== 'closed';
}

/** `sendsEmail`: the office sends e-mail now (SMTP_URL). */
export function toVisitorLeftMessage({ message: row, files, replies }: LeftMessageThread, sendsEmail: boolean): VisitorLeftMessage {
  return {
    reference: row.reference,
    status: row.status,
    // Written only from a validated request, so it is one of the interface languages.
    language: row.language as VisitorLeftMessage['language'],
    topic: row.topic,
    body: row.body,
    createdAt: row.created_at,
    answer: row.answer,
    answeredAt: row.answered_at,
    files: files.filter((file) => file.reply_id === null).map(toLeftMessageFile),
    replies: replies.map((reply) => toReply(reply, files)),
    canReply: canReply(row),
    answerByEmail: sendsEmail && row.email !== '',
  };
}

export function toStaffLeftMessage(thread: LeftMessageThread, sendsEmail: boolean): StaffLeftMessage {
  const { message: row, files, replies } = thread;
  return {
    ...toVisitorLeftMessage(thread, sendsEmail),
    id: row.id,
    email: row.email || null,
    answeredBy: row.answered_by ? { id: row.answered_by, name: row.answered_by_name ?? '' } : null,
    closedAt: row.closed_at,
    replies: replies.map((reply) => ({
      ...toReply(reply, files),
      staff: reply.staff_id ? { id: reply.staff_id, name: reply.staff_name ?? '' } : null,
    })),
  };
}

function toReply(reply: StoredLeftMessageReply, files: readonly StoredLeftMessageFile[]): LeftMessageReply {
  return {
    id: reply.id,
    author: reply.author,
    body: reply.body,
    createdAt: reply.created_at,
    files: files.filter((file) => file.reply_id === reply.id).map(toLeftMessageFile),
  };
}

function toLeftMessageFile(file: StoredLeftMessageFile): LeftMessageFile {
  return { id: file.id, name: file.name, contentType: file.content_type, size: file.size };
}
