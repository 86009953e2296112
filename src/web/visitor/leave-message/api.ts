import {
  leaveMessageResponseSchema,
  visitorLeftMessageSchema,
  type LeaveMessageRequest,
  type LeaveMessageResponse,
  type VisitorLeftMessage,
} from '../../../shared/protocol';
import { bearer, postJson, requestJson } from '../../common/api';
import { MESSAGE_PAGE_PATH } from './route';

export function messagePageLink(token: string): string {
  return `${MESSAGE_PAGE_PATH}#${token}`;
}

/** With files, one multipart request: the message's JSON in `message`, then the files, stored together or not at all. */
export function leaveMessage(request: LeaveMessageRequest, files: readonly File[] = []): Promise<LeaveMessageResponse> {
  if (files.length === 0) return requestJson('/api/left-messages', leaveMessageResponseSchema, postJson(request));
  const form = new FormData();
  form.append('message', JSON.stringify(request));
  for (const file of files) form.append('files', file, file.name);
  return requestJson('/api/left-messages', leaveMessageResponseSchema, { method: 'POST', body: form });
}

export function leftMessageFileUrl(fileId: string): string {
  return `/api/left-messages/current/files/${encodeURIComponent(fileId)}`;
}

export function fetchLeftMessage(token: string): Promise<VisitorLeftMessage> {
  return requestJson('/api/left-messages/current', visitorLeftMessageSchema, { headers: bearer(token) });
}
