/**
 * System messages carry an event code, and the same event reads differently on each side: the
 * visitor who ended the conversation is "you" to themselves, and the console does not tell
 * consultants to wait for a consultant. `common:system.<event>` is the default wording.
 */
import type { Message, SYSTEM_EVENTS } from '../../shared/protocol';
import type { Translate } from './i18n';

type SystemEvent = (typeof SYSTEM_EVENTS)[number];
export type Reader = 'visitor' | 'console';

const OWN_WORDING: Record<Reader, Partial<Record<SystemEvent, string>>> = {
  visitor: { visitor_left: 'visitor:system.visitor_left' },
  console: { conversation_started: 'console:system.conversation_started' },
};

export function systemEventKey(event: SystemEvent, reader: Reader): string {
  return OWN_WORDING[reader][event] ?? `common:system.${event}`;
}

export function systemText(t: Translate, message: Message, reader: Reader): string {
  if (!message.event) return message.body;
  return t(systemEventKey(message.event, reader), { name: message.authorName ?? t('common:author.consultant') });
}
