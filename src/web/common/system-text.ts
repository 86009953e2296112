/**
 * System messages carry an event code, and the same event reads differently on each side: the
 * visitor who ended the conversation is "you" to themselves, and the console does not tell
 * consultants to wait for a consultant. `common:system.<event>` is the default wording.
 */
import type { Message, SYSTEM_EVENTS } from '../../shared/protocol';
import { callRecordText } from '../../shared/call-record';
import type { Translate } from './i18n';

type SystemEvent = (typeof SYSTEM_EVENTS)[number];
export type Reader = 'visitor' | 'console';

const OWN_WORDING: Record<Reader, Partial<Record<SystemEvent, string>>> = {
  visitor: {
    visitor_left: 'visitor:system.visitor_left',
    call_requested: 'visitor:system.call_requested',
    visitor_idle_warning: 'visitor:system.visitor_idle_warning',
    visitor_inactive: 'visitor:system.visitor_inactive',
    visitor_absent: 'visitor:system.visitor_absent',
    rejoined_queue: 'visitor:system.rejoined_queue',
    desk_closing: 'visitor:system.desk_closing',
    nobody_on_duty: 'visitor:system.nobody_on_duty',
    left_message_at_closing: 'visitor:system.left_message_at_closing',
    ended_at_closing: 'visitor:system.ended_at_closing',
  },
  console: {
    conversation_started: 'console:system.conversation_started',
    supervisor_joined: 'console:system.supervisor_joined',
    conversation_transferred: 'console:system.conversation_transferred',
    call_request_declined: 'console:system.call_request_declined',
  },
};

export function systemEventKey(event: SystemEvent, reader: Reader): string {
  return OWN_WORDING[reader][event] ?? `common:system.${event}`;
}

export function systemText(t: Translate, message: Message, reader: Reader): string {
  if (!message.event) return message.body;
  if (message.call) {
    const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeStyle: 'short', hourCycle: 'h23' });
    return callRecordText(t, message.call, (iso) => time.format(new Date(iso)));
  }
  return t(systemEventKey(message.event, reader), { name: message.authorName ?? t('common:author.consultant'), time: timeIn(message) });
}

/** The system events whose body is a time (ISO); any other body is not read as one. */
const TIMED_EVENTS = new Set(['desk_closing', 'ended_at_closing']);

/** The time a closing notice carries as its body (ISO): when the desk closes today, or its next opening, with the day. */
function timeIn(message: Message): string {
  if (!message.body || !TIMED_EVENTS.has(message.event ?? '')) return '';
  const lang = document.documentElement.lang || undefined;
  const options: Intl.DateTimeFormatOptions =
    message.event === 'desk_closing' ? { timeStyle: 'short', hourCycle: 'h23' } : { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(message.body));
}
