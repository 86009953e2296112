import {
  leaveMessageResponseSchema,
  visitorLeftMessageSchema,
  type LeaveMessageRequest,
  type LeaveMessageResponse,
  type VisitorLeftMessage,
} from '../../../shared/protocol';
import { bearer, postJson, requestJson } from '../../common/api';

/** The private page's path; its token follows `#`, which the browser sends to no server. */
export const MESSAGE_PAGE_PATH = '/message';

export function messagePageLink(token: string): string {
  return `${MESSAGE_PAGE_PATH}#${token}`;
}

export function leaveMessage(request: LeaveMessageRequest): Promise<LeaveMessageResponse> {
  return requestJson('/api/left-messages', leaveMessageResponseSchema, postJson(request));
}

export function fetchLeftMessage(token: string): Promise<VisitorLeftMessage> {
  return requestJson('/api/left-messages/current', visitorLeftMessageSchema, { headers: bearer(token) });
}
