/**
 * Who follows a conversation live: its assignee (if any) and the staff who joined beside them.
 * Every event about a conversation addresses its staff recipients from here, so a participant is
 * never left out of one kind of event and included in another.
 */
import type { Participant } from './types';

/** What of a conversation says who follows it. */
export interface Followed {
  assignee_id: string | null;
  participants: ReadonlyArray<Pick<Participant, 'staff_id'>>;
}

/** The followers as a message event carries them (the hub tells the assignee apart). */
export interface Followers {
  assigneeId: string | null;
  participantIds: string[];
}

export function followersOf(conversation: Followed): Followers {
  return { assigneeId: conversation.assignee_id, participantIds: conversation.participants.map((participant) => participant.staff_id) };
}

/** The followers and `alsoTo` (a note's author, a call's members), each once: an event's staff recipients. */
export function followerIds(conversation: Followed, alsoTo: Iterable<string> = []): string[] {
  const { assigneeId, participantIds } = followersOf(conversation);
  return [...new Set([...(assigneeId ? [assigneeId] : []), ...participantIds, ...alsoTo])];
}

/** The staff member follows the conversation live: its assignee, or a participant beside them. */
export function isFollowedBy(conversation: Followed, staffId: string): boolean {
  return followerIds(conversation).includes(staffId);
}
