import { PARTICIPANT_ROUTES, type ConversationSummary, type SupervisorOverview } from '../../../shared/protocol';
import { api } from '../../common/api';

export function fetchOverview({ background = false } = {}): Promise<SupervisorOverview> {
  return api(PARTICIPANT_ROUTES.overview, { background });
}

export async function joinAsSupervisor(conversationId: string): Promise<ConversationSummary> {
  return (await api(PARTICIPANT_ROUTES.join, { params: { id: conversationId }, body: { role: 'supervisor' } })).conversation;
}

export async function leaveConversation(conversationId: string): Promise<ConversationSummary> {
  return (await api(PARTICIPANT_ROUTES.leave, { params: { id: conversationId } })).conversation;
}

export async function reassign(conversationId: string, to: string): Promise<ConversationSummary> {
  return (await api(PARTICIPANT_ROUTES.reassign, { params: { id: conversationId }, body: { to } })).conversation;
}

export async function takeOver(conversationId: string): Promise<ConversationSummary> {
  return (await api(PARTICIPANT_ROUTES.takeOver, { params: { id: conversationId } })).conversation;
}
