import type { Note } from '../../shared/protocol';

/** An internal note: only ever to staff, never to a visitor. */
export interface NoteEvent {
  kind: 'note';
  deskId: string;
  /** The staff members who follow the conversation live (its assignee, the note's author). */
  staffIds: string[];
  note: Note;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    note: NoteEvent;
  }
}
