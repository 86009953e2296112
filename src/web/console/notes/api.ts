import { NOTE_ROUTES, type Note } from '../../../shared/protocol';
import { api } from '../../common/api';

export async function fetchNotes(conversationId: string): Promise<Note[]> {
  return (await api(NOTE_ROUTES.list, { params: { id: conversationId } })).notes;
}

export function addNote(conversationId: string, body: string): Promise<Note> {
  return api(NOTE_ROUTES.add, { params: { id: conversationId }, body: { body } });
}
