import type { FastifyInstance } from 'fastify';
import { NOTE_ROUTES } from '../../shared/protocol';
import { signedInActor } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { conversationIdOf } from '../http';
import type { NoteService } from './service';

export async function noteRoutes(app: FastifyInstance, options: { auth: AuthService; notes: NoteService }): Promise<void> {
  const { auth, notes } = options;

  serve(app, NOTE_ROUTES.list, { auth }, async (_input, request) => ({
    notes: await notes.list(signedInActor(request), conversationIdOf(request)),
  }));

  serve(app, NOTE_ROUTES.add, { auth }, async ({ body }, request) => notes.add(signedInActor(request), conversationIdOf(request), body.body));
}
