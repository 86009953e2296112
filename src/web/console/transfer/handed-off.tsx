import { useEffect, useRef } from 'preact/hooks';

/**
 * Stands where the conversation was once it has been handed on or left: focus lands here instead
 * of on <body>, and a screen reader reads what happened.
 */
export function HandedOff({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <p class="placeholder" role="status" tabIndex={-1} ref={ref} data-testid="handed-off">
      {text}
    </p>
  );
}
