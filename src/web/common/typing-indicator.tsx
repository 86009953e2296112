import { useEffect, useRef, useState } from 'preact/hooks';
import { TYPING_SHOWN_MS, TypingSender, type TypingSignal } from './typing';

/**
 * "… is typing" under the log, shown while the other side types. Not a live region: read out at
 * every pause, it would drown the messages themselves.
 */
export function TypingIndicator({ signal, text }: { signal: TypingSignal | null; text: string }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    setVisible(Boolean(signal?.active));
    if (!signal?.active) return;
    const timer = setTimeout(() => setVisible(false), TYPING_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [signal?.serial]);
  return (
    <p class="typing-indicator" data-testid="typing-indicator" hidden={!visible}>
      {visible ? text : ''}
    </p>
  );
}

/** A TypingSender for one conversation that says "stopped" when the view goes away. */
export function useTypingSender(send: (active: boolean) => void): TypingSender {
  const latestSend = useRef(send);
  latestSend.current = send;
  const [sender] = useState(() => new TypingSender((active) => latestSend.current(active)));
  useEffect(() => () => sender.stop(), [sender]);
  return sender;
}
