import type { MessageTranslation } from '../../shared/protocol';
import type { Followers } from '../conversations/followers';

/** A stored message's translation arrived or failed: the same people as the message receive it. */
export interface MessageTranslatedEvent extends Followers {
  kind: 'message-translated';
  deskId: string;
  conversationId: string;
  seq: number;
  translation: MessageTranslation;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    'message-translated': MessageTranslatedEvent;
  }
}
