import type { StaffLeftMessage, VisitorLeftMessage } from '../../shared/protocol';
import type { LeftMessageRow } from './repository';

export function toVisitorLeftMessage(row: LeftMessageRow): VisitorLeftMessage {
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
  };
}

export function toStaffLeftMessage(row: LeftMessageRow): StaffLeftMessage {
  return {
    ...toVisitorLeftMessage(row),
    id: row.id,
    email: row.email,
    answeredBy: row.answered_by ? { id: row.answered_by, name: row.answered_by_name ?? '' } : null,
    closedAt: row.closed_at,
  };
}
