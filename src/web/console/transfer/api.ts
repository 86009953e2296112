import type { UiLanguage } from '../../../shared/languages';
import {
  colleaguesResponseSchema,
  conversationResponseSchema,
  transferNotesResponseSchema,
  type Colleague,
  type ConversationSummary,
  type TransferNote,
} from '../../../shared/protocol';
import { postJson, requestJson } from '../../common/api';

export const conversationPath = (conversationId: string, action: string) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/${action}`;

export async function fetchColleagues(): Promise<Colleague[]> {
  return (await requestJson('/api/colleagues', colleaguesResponseSchema)).colleagues;
}

export async function transferToColleague(conversationId: string, to: string, note: string): Promise<ConversationSummary> {
  const body = note.trim() ? { to, note } : { to };
  return (await requestJson(conversationPath(conversationId, 'transfer'), conversationResponseSchema, postJson(body))).conversation;
}

export async function returnToQueue(conversationId: string, queue: { language: UiLanguage; topic: string }): Promise<ConversationSummary> {
  return (await requestJson(conversationPath(conversationId, 'return-to-queue'), conversationResponseSchema, postJson(queue))).conversation;
}

/** The notes colleagues left on conversations they handed to me. */
export async function fetchTransferNotes(): Promise<TransferNote[]> {
  return (await requestJson('/api/transfer-notes', transferNotesResponseSchema)).notes;
}
