import {
  conversationResponseSchema,
  supervisorOverviewSchema,
  type ConversationSummary,
  type SupervisorOverview,
} from '../../../shared/protocol';
import { postJson, requestJson } from '../../common/api';
import { conversationPath } from '../transfer/api';

export function fetchOverview(): Promise<SupervisorOverview> {
  return requestJson('/api/supervisor/overview', supervisorOverviewSchema);
}

export async function joinAsSupervisor(conversationId: string): Promise<ConversationSummary> {
  return (await requestJson(conversationPath(conversationId, 'participants'), conversationResponseSchema, postJson({ role: 'supervisor' })))
    .conversation;
}

export async function leaveConversation(conversationId: string): Promise<ConversationSummary> {
  return (await requestJson(conversationPath(conversationId, 'participants/me'), conversationResponseSchema, { method: 'DELETE' }))
    .conversation;
}

export async function reassign(conversationId: string, to: string): Promise<ConversationSummary> {
  return (await requestJson(conversationPath(conversationId, 'reassign'), conversationResponseSchema, postJson({ to }))).conversation;
}

export async function takeOver(conversationId: string): Promise<ConversationSummary> {
  return (await requestJson(conversationPath(conversationId, 'take-over'), conversationResponseSchema, { method: 'POST' })).conversation;
}
