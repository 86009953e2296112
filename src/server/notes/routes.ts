import type { FastifyInstance } from 'fastify';
import { addNoteRequestSchema, conversationIdSchema, type Note } from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import type { StaffActor } from '../conversations/service';
import { AppError } from '../errors';
import { parseBody } from '../http';
import type { NoteService } from './service';

type ByConversation = { Params: { id: string } };

export async function noteRoutes(app: FastifyInstance, options: { auth: AuthService; notes: NoteService }): Promise<void> {
  const { notes } = options;
  const staffOnly = { preHandler: requireStaff(options.auth) };

  app.get<ByConversation>('/api/conversations/:id/notes', staffOnly, async (request): Promise<{ notes: Note[] }> => {
    return { notes: await notes.list(staffActorOf(request), conversationIdOf(request)) };
  });

  app.post<ByConversation>('/api/conversations/:id/notes', staffOnly, async (request, reply): Promise<Note> => {
    const { body } = parseBody(addNoteRequestSchema, request.body);
    const note = await notes.add(staffActorOf(request), conversationIdOf(request), body);
    void reply.status(201);
    return note;
  });
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
