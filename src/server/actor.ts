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
