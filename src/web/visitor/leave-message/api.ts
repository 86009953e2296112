import { INBOX_ROUTES, type LeaveMessageRequest, type LeaveMessageResponse, type VisitorLeftMessage } from '../../../shared/protocol';
import { api, pathOf } from '../../common/api';
import { closedVisitClaim, closedVisitFollowed } from '../closed-visit';
import { MESSAGE_PAGE_PATH } from './route';

export function messagePageLink(token: string): string {
  return `${MESSAGE_PAGE_PATH}#${token}`;
}

/**
 * One multipart request: the message's JSON in `message`, then the files (if any), stored together
 * or not at all. It says whether it follows a visit while closed (closed-visit.ts).
 */
export async function leaveMessage(request: LeaveMessageRequest, files: readonly File[] = []): Promise<LeaveMessageResponse> {
  const form = new FormData();
  form.append('message', JSON.stringify({ ...request, ...closedVisitClaim() }));
  for (const file of files) form.append('files', file, file.name);
  const receipt = await api(INBOX_ROUTES.leave, { body: form });
  closedVisitFollowed();
  return receipt;
}

export function leftMessageFileUrl(fileId: string): string {
  return pathOf(INBOX_ROUTES.visitorFile, { fileId });
}

/** The visitor's reply to an answer, with its files in the same request (stored together or not at all). */
export function replyToLeftMessage(token: string, body: string, files: readonly File[] = []): Promise<VisitorLeftMessage> {
  const form = new FormData();
  form.append('message', JSON.stringify({ body }));
  for (const file of files) form.append('files', file, file.name);
  return api(INBOX_ROUTES.reply, { token, body: form });
}

export function fetchLeftMessage(token: string): Promise<VisitorLeftMessage> {
  return api(INBOX_ROUTES.current, { token });
}

/** Deletes the message, its files and its thread for good. */
export function eraseLeftMessage(token: string): Promise<void> {
  return api(INBOX_ROUTES.erase, { token });
}
