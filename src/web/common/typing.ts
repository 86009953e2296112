/**
 * Typing indicators, both apps: the sender says "typing" at most every few seconds while the text
 * changes and "stopped" when the box empties (a message sent clears it); the receiver shows the
 * indicator until "stopped", a message from that side, or a few seconds without news.
 */

/** The latest typing news from the other side; `serial` changes with each piece of news. */
export interface TypingSignal {
  active: boolean;
  serial: number;
}

/** How often "typing" goes out while someone keeps typing. */
export const TYPING_SEND_INTERVAL_MS = 3_000;
/** How long an indicator stays without a fresh "typing" (the sender may have gone quiet offline). */
export const TYPING_SHOWN_MS = 6_000;

export class TypingSender {
  #sentAt: number | null = null;

  constructor(
    private readonly send: (active: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The text in the box changed. */
  changed(text: string): void {
    if (!text.trim()) return this.stop();
    const now = this.now();
    if (this.#sentAt !== null && now - this.#sentAt < TYPING_SEND_INTERVAL_MS) return;
    this.#sentAt = now;
    this.send(true);
  }

  stop(): void {
    if (this.#sentAt === null) return;
    this.#sentAt = null;
    this.send(false);
  }
}
