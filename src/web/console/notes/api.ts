import { noteListSchema, noteSchema, type Note } from '../../../shared/protocol';
import { postJson, requestJson } from '../../common/api';

const notesPath = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/notes`;

export async function fetchNotes(conversationId: string): Promise<Note[]> {
  return (await requestJson(notesPath(conversationId), noteListSchema)).notes;
}

export function addNote(conversationId: string, body: string): Promise<Note> {
  return requestJson(notesPath(conversationId), noteSchema, postJson({ body }));
}
