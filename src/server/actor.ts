import type { StaffMember } from './staff/types';

/** Who does something: a signed-in staff member, or the visitor of one conversation (every domain names them so). */
export interface StaffActor {
  kind: 'staff';
  id: string;
  name: string;
  deskId: string;
}

export interface VisitorActor {
  kind: 'visitor';
  conversationId: string;
}

export type Actor = StaffActor | VisitorActor;

/** The actor a signed-in staff member is. */
export function staffActorOf(member: Pick<StaffMember, 'id' | 'name' | 'desk_id'>): StaffActor {
  return { kind: 'staff', id: member.id, name: member.name, deskId: member.desk_id };
}
