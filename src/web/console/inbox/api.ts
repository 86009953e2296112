import {
  inboxListSchema,
  staffLeftMessageSchema,
  type LeftMessageStatus,
  type StaffLeftMessage,
} from '../../../shared/protocol';
import { postJson, requestJson } from '../../common/api';

export async function fetchInbox(status: LeftMessageStatus | undefined): Promise<StaffLeftMessage[]> {
  const query = status ? `?status=${status}` : '';
  return (await requestJson(`/api/inbox${query}`, inboxListSchema)).messages;
}

export function answerLeftMessage(id: string, answer: string): Promise<StaffLeftMessage> {
  return requestJson(`/api/inbox/${encodeURIComponent(id)}/answer`, staffLeftMessageSchema, postJson({ answer }));
}

export function inboxFileUrl(messageId: string, fileId: string): string {
  return `/api/inbox/${encodeURIComponent(messageId)}/files/${encodeURIComponent(fileId)}`;
}

export function closeLeftMessage(id: string): Promise<StaffLeftMessage> {
  return requestJson(`/api/inbox/${encodeURIComponent(id)}/close`, staffLeftMessageSchema, { method: 'POST' });
}
