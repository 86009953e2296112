import type { FastifyInstance } from 'fastify';
import { conversationIdSchema, NOTE_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { AppError } from '../errors';
import type { NoteService } from './service';
import type { StaffActor } from '../actor';

export async function noteRoutes(app: FastifyInstance, options: { auth: AuthService; notes: NoteService }): Promise<void> {
  const { auth, notes } = options;

  serve(app, NOTE_ROUTES.list, { auth }, async (_input, request) => ({
    notes: await notes.list(staffActorOf(request), conversationIdOf(request)),
  }));

  serve(app, NOTE_ROUTES.add, { auth }, async ({ body }, request) => notes.add(staffActorOf(request), conversationIdOf(request), body.body));
}

/** A malformed id cannot name a conversation; PostgreSQL would compare it fine, but say so early. */
export function conversationIdOf(request: { params: { id: string } }): string {
  if (!conversationIdSchema.safeParse(request.params.id).success) throw new AppError('conversation_not_found');
  return request.params.id;
}

export function staffActorOf(request: Parameters<typeof signedInStaff>[0]): StaffActor {
  const staff = signedInStaff(request);
  return { kind: 'staff', id: staff.id, name: staff.name, deskId: staff.desk_id };
}
