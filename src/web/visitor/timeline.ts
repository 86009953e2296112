import type { Message } from '../../shared/protocol';

/**
 * Adds messages to a conversation: one per seq (the server's copy wins, but a copy sent again
 * without its translation keeps the one already received), ordered by seq.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return [...current];
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of incoming) {
    const translation = message.translation ?? bySeq.get(message.seq)?.translation;
    bySeq.set(message.seq, translation ? { ...message, translation } : message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
