/** A visitor's request for a call, read from the conversation's log: both sides see whether it is still open, also after a reload. */
import type { Message } from '../../../shared/protocol';

/** The visitor's latest request for a call if nothing has answered it since: no "not now" and no call that ended after it. */
export function pendingCallRequest(messages: readonly Message[]): Message | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.event === 'call_requested') return message;
    if (message.event === 'call_request_declined' || message.event === 'call_ended') return null;
  }
  return null;
}
