import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol';
import { pendingCallRequest } from '../../../src/web/common/call/request';
import { initialDeskState } from '../../../src/web/console/desk-state';
import { applyFrames, conversationId, conversationSummary, staffUser } from './desk-fixtures';

const me = staffUser();
const mine = conversationSummary({ status: 'active', assignee: { id: me.id, name: me.name } });

function message(seq: number, event: Message['event'] = null): Message {
  return { seq, clientId: null, author: event ? 'system' : 'visitor', authorName: null, body: '', event, sentAt: '2025-03-03T10:01:00.000Z' };
}

describe("a visitor's request for a call", () => {
  it('is pending from the log until a "not now" or a call that ended comes after it', () => {
    expect(pendingCallRequest([message(1), message(2)])).toBeNull();
    expect(pendingCallRequest([message(1), message(2, 'call_requested'), message(3)])?.seq).toBe(2);
    expect(pendingCallRequest([message(2, 'call_requested'), message(3, 'call_request_declined')])).toBeNull();
    expect(pendingCallRequest([message(2, 'call_requested'), message(3, 'call_ended')])).toBeNull();
    expect(pendingCallRequest([message(2, 'call_requested'), message(3, 'call_request_declined'), message(4, 'call_requested')])?.seq).toBe(4);
  });

  it('is signalled once when it arrives live, not when it comes in a history', () => {
    const welcomed = applyFrames(initialDeskState, { type: 'welcome.staff', user: me, conversations: [mine] });
    const synced = applyFrames(welcomed, { type: 'history', conversationId, messages: [message(1, 'call_requested')] });
    expect(synced.callRequest).toBeNull();
    const live = applyFrames(synced, { type: 'message', conversationId, message: message(2, 'call_requested') });
    expect(live.callRequest).toEqual({ conversationId, serial: 1 });
    expect(applyFrames(live, { type: 'message', conversationId, message: message(2, 'call_requested') }).callRequest).toBe(live.callRequest);
  });
});
