import type { LeftMessageFile, StaffLeftMessage, VisitorLeftMessage } from '../../shared/protocol';
import type { StoredLeftMessage, StoredLeftMessageFile } from './types';

/** `sendsEmail`: the office sends e-mail now (SMTP_URL). */
export function toVisitorLeftMessage(row: StoredLeftMessage, files: readonly StoredLeftMessageFile[], sendsEmail: boolean): VisitorLeftMessage {
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
    files: files.map(toLeftMessageFile),
    answerByEmail: sendsEmail && row.email !== '',
  };
}

export function toStaffLeftMessage(row: StoredLeftMessage, files: readonly StoredLeftMessageFile[], sendsEmail: boolean): StaffLeftMessage {
  return {
    ...toVisitorLeftMessage(row, files, sendsEmail),
    id: row.id,
    email: row.email || null,
    answeredBy: row.answered_by ? { id: row.answered_by, name: row.answered_by_name ?? '' } : null,
    closedAt: row.closed_at,
  };
}

function toLeftMessageFile(file: StoredLeftMessageFile): LeftMessageFile {
  return { id: file.id, name: file.name, contentType: file.content_type, size: file.size };
}
