/** Someone started or stopped typing; ephemeral, never stored. */
export interface TypingEvent {
  kind: 'typing';
  deskId: string;
  conversationId: string;
  author: 'visitor' | 'staff';
  /** Who hears about a visitor's typing: the assignee and participants (empty for staff typing). */
  staffIds: string[];
  active: boolean;
}

/** Staff have read the conversation up to `seq`: the visitor's read receipts. */
export interface ReadEvent {
  kind: 'read';
  conversationId: string;
  seq: number;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    typing: TypingEvent;
    read: ReadEvent;
  }
}
