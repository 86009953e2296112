/**
 * A finished call in the conversation's history: a `call_ended` system message whose body holds
 * the record as JSON (kind, who started, outcome, times), parsed back with the shared schema when
 * the message is sent to a browser or written into a transcript (conversations/mappers.ts
 * `storedCallRecord`). Never media.
 */
import type { CallRecord } from '../../shared/protocol';
import type { NewMessage } from '../conversations/repository';
import type { StoredCall } from './types';

export function callRecord(row: StoredCall): CallRecord {
  const endedAt = row.ended_at ?? row.started_at;
  const durationSeconds = row.answered_at ? Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(row.answered_at)) / 1000)) : 0;
  return {
    kind: row.kind,
    startedBy: row.started_by === 'visitor' ? 'visitor' : 'staff',
    startedByName: row.started_by_name,
    outcome: row.outcome ?? 'missed',
    endReason: row.end_reason ?? 'hangup',
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt,
    durationSeconds,
  };
}

/** The `call_ended` system message: its body carries the record as JSON (read back by conversations/mappers.ts). */
export function callRecordMessage(row: StoredCall): NewMessage {
  return {
    client_id: null,
    author: 'system',
    author_id: null,
    author_name: row.started_by_name,
    body: JSON.stringify(callRecord(row)),
    event: 'call_ended',
    created_at: row.ended_at ?? row.started_at,
  };
}
