/**
 * A consultant writes in several conversations at once, and the shared Outbox holds one
 * conversation's unsent messages, so the console keeps one Outbox per conversation. They live in
 * memory: on a shared office computer, message text should not outlast the page.
 */
import { Outbox, type PendingMessage } from '../common/outbox';
import { memoryStorage } from '../common/storage';

export interface PendingLocation {
  conversationId: string;
  outbox: Outbox;
  message: PendingMessage;
}

export class StaffOutboxes {
  readonly #byConversation = new Map<string, Outbox>();
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  for(conversationId: string): Outbox {
    let outbox = this.#byConversation.get(conversationId);
    if (!outbox) {
      outbox = new Outbox(memoryStorage(), conversationId, this.#onChange);
      this.#byConversation.set(conversationId, outbox);
    }
    return outbox;
  }

  pending(conversationId: string): readonly PendingMessage[] {
    return this.#byConversation.get(conversationId)?.items ?? [];
  }

  find(clientId: string): PendingLocation | undefined {
    for (const [conversationId, outbox] of this.#byConversation) {
      const message = outbox.items.find((item) => item.clientId === clientId);
      if (message) return { conversationId, outbox, message };
    }
    return undefined;
  }
}
