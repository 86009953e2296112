/** Internal notes staff leave inside a conversation (src/server/notes). */
import * as z from 'zod/mini';
import { conversationIdSchema, staffRefSchema, writtenTextSchema } from './common';
import { defineRoute } from './contract';

/** A note staff leave for each other inside a conversation; never shown to the visitor. */
const noteSchema = z.object({
  id: z.uuid(),
  conversationId: conversationIdSchema,
  author: staffRefSchema,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type Note = z.infer<typeof noteSchema>;

const addNoteRequestSchema = z.object({ body: writtenTextSchema });
const noteListSchema = z.object({ notes: z.array(noteSchema) });

/** To staff only: a new internal note. */
const noteFrame = z.object({ type: z.literal('note'), note: noteSchema });

/** Frames this domain sends; protocol.ts joins every domain's into one union. */
export const NOTE_SERVER_FRAMES = [noteFrame] as const;

export const NOTE_ROUTES = {
  list: defineRoute({ method: 'GET', path: '/api/conversations/:id/notes', auth: 'staff', response: noteListSchema }),
  add: defineRoute({
    method: 'POST',
    path: '/api/conversations/:id/notes',
    auth: 'staff',
    body: addNoteRequestSchema,
    response: noteSchema,
    status: 201,
  }),
};
