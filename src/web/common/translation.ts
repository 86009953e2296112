import type { Message, MessageTranslation } from '../../shared/protocol';

/** The same log with one message's translation arrived or changed (`message.translated`): updated in place. */
export function withTranslation(messages: readonly Message[], seq: number, translation: MessageTranslation): Message[] {
  return messages.map((message) => (message.seq === seq ? { ...message, translation } : message));
}
