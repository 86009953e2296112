import type { TransferNote } from '../../shared/protocol';

/** A transfer note, to the one consultant the conversation was handed to. */
export interface TransferNoteEvent {
  kind: 'transfer-note';
  deskId: string;
  recipientId: string;
  note: TransferNote;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    'transfer-note': TransferNoteEvent;
  }
}
