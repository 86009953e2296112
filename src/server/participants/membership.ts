import type { ConversationRow } from '../conversations/repository';

/** The staff member follows the conversation live: its assignee, or a participant beside them. */
export function takesPart(conversation: Pick<ConversationRow, 'assignee_id' | 'participants'>, staffId: string): boolean {
  return conversation.assignee_id === staffId || conversation.participants.some((participant) => participant.staff_id === staffId);
}
