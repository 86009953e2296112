/**
 * The console's side of typing indicators and read receipts for the conversation on screen.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary, Message, ServerFrame } from '../../../shared/protocol';
import type { TypingSignal } from '../../common/typing';

type Listen = (listener: (frame: ServerFrame) => void) => () => void;

/**
 * Tells the visitor how far the consultant has read their messages: whatever is on screen while
 * the tab is visible counts as read; a hidden tab (or the inbox in front) waits until it is shown.
 */
export function useReadReceipts(
  conversation: ConversationSummary,
  messages: readonly Message[],
  shown: boolean,
  markRead: (seq: number) => void,
): void {
  const sentUpTo = useRef(0);
  const highest = messages.findLast((message) => message.author === 'visitor')?.seq ?? 0;
  useEffect(() => {
    if (conversation.status !== 'active' || !shown) return;
    const send = () => {
      if (document.visibilityState !== 'visible' || highest <= sentUpTo.current) return;
      sentUpTo.current = highest;
      markRead(highest);
    };
    send();
    document.addEventListener('visibilitychange', send);
    return () => document.removeEventListener('visibilitychange', send);
  }, [conversation.id, conversation.status, highest, shown]);
}

/** Whether the visitor is typing in this conversation, as last heard; their message ends it. */
export function useVisitorTyping(conversationId: string, listen: Listen): TypingSignal | null {
  const [signal, setSignal] = useState<TypingSignal | null>(null);
  useEffect(() => {
    setSignal(null);
    let serial = 0;
    return listen((frame) => {
      const fromVisitor =
        (frame.type === 'typing' && frame.conversationId === conversationId) ||
        (frame.type === 'message' && frame.conversationId === conversationId && frame.message.author === 'visitor');
      if (fromVisitor) setSignal({ active: frame.type === 'typing' && frame.active, serial: ++serial });
    });
  }, [conversationId]);
  return signal;
}
