/**
 * Least privilege in the inbox (finding 9): left messages carry e-mail addresses, so a consultant
 * reads only those in their languages (and topics, when they have any) and those they answered
 * themselves; supervisors and admins read the whole desk's, as they do its conversations.
 */
import { hasRole } from '../auth/roles';
import type { StaffMember } from '../staff/types';
import type { StoredLeftMessage } from './types';

export interface InboxReader {
  deskId: string;
  staffId: string;
  scope: 'desk' | { languages: string[]; topics: string[] };
}

const list = (joined: string) => joined.split(',').filter(Boolean);

export function inboxReader(member: StaffMember): InboxReader {
  const scope = hasRole(member.role, 'supervisor') ? 'desk' : { languages: list(member.languages), topics: list(member.topics) };
  return { deskId: member.desk_id, staffId: member.id, scope };
}

export function mayRead(reader: InboxReader, message: Pick<StoredLeftMessage, 'desk_id' | 'language' | 'topic' | 'answered_by'>): boolean {
  if (message.desk_id !== reader.deskId) return false;
  const { scope } = reader;
  if (scope === 'desk' || message.answered_by === reader.staffId) return true;
  return scope.languages.includes(message.language) && (scope.topics.length === 0 || scope.topics.includes(message.topic));
}
