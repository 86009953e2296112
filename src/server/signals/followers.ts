import type { ConversationRow } from '../conversations/repository';

/** The staff who follow a conversation live: its assignee (if any) and the participants beside them. */
export function followers(conversation: Pick<ConversationRow, 'assignee_id' | 'participants'>): string[] {
  const assignee = conversation.assignee_id ? [conversation.assignee_id] : [];
  return [...assignee, ...conversation.participants.map((participant) => participant.staff_id)];
}
