import { INBOX_ROUTES, type LeftMessageStatus, type StaffLeftMessage } from '../../../shared/protocol';
import { api, pathOf } from '../../common/api';

export async function fetchInbox(status: LeftMessageStatus | undefined, { background = false } = {}): Promise<StaffLeftMessage[]> {
  return (await api(INBOX_ROUTES.list, { query: { status }, background })).messages;
}

export function answerLeftMessage(id: string, answer: string): Promise<StaffLeftMessage> {
  return api(INBOX_ROUTES.answer, { params: { id }, body: { answer } });
}

export function inboxFileUrl(messageId: string, fileId: string): string {
  return pathOf(INBOX_ROUTES.file, { id: messageId, fileId });
}

export function closeLeftMessage(id: string): Promise<StaffLeftMessage> {
  return api(INBOX_ROUTES.close, { params: { id } });
}
