import type { UiLanguage } from '../../../shared/languages';
import { PARTICIPANT_ROUTES, type Colleague, type ConversationSummary, type TransferNote } from '../../../shared/protocol';
import { api } from '../../common/api';

export async function fetchColleagues(): Promise<Colleague[]> {
  return (await api(PARTICIPANT_ROUTES.colleagues)).colleagues;
}

export async function transferToColleague(conversationId: string, to: string, note: string): Promise<ConversationSummary> {
  const body = note.trim() ? { to, note } : { to };
  return (await api(PARTICIPANT_ROUTES.transfer, { params: { id: conversationId }, body })).conversation;
}

export async function returnToQueue(conversationId: string, queue: { language: UiLanguage; topic: string }): Promise<ConversationSummary> {
  return (await api(PARTICIPANT_ROUTES.returnToQueue, { params: { id: conversationId }, body: queue })).conversation;
}

/** The notes colleagues left on conversations they handed to me. */
export async function fetchTransferNotes(): Promise<TransferNote[]> {
  return (await api(PARTICIPANT_ROUTES.transferNotes)).notes;
}
