import type { ConversationSummary } from '../../shared/protocol';

export function visitorLabel(conversation: ConversationSummary, anonymous: string): string {
  return conversation.visitorName?.trim() || anonymous;
}
