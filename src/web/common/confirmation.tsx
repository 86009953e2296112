/**
 * The confirmation of a destructive action on the visitor's pages (ending the conversation,
 * cancelling a booking, declining or hanging up a call). Its question comes first, so the choices
 * appear a line below the button that asked — never under the finger that just tapped it (a call's
 * sits mid-screen: call.css); the safe choice comes first and takes focus; Escape is the safe
 * choice too.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

interface ConfirmationProps {
  /** Prefix of the ids and test ids: `<id>-question`, `<id>-confirm`, `<id>-cancel`. */
  id: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Confirmation({ id, question, confirmLabel, cancelLabel, busy = false, onConfirm, onCancel }: ConfirmationProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Layout effect: focus moves in the same frame the choices appear, so nothing (a screen reader, a second tap) meets a moment with focus on nothing.
  useLayoutEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      class="confirmation"
      role="group"
      aria-labelledby={`${id}-question`}
      data-testid={`${id}-confirmation`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onCancel();
      }}
    >
      <p id={`${id}-question`} class="confirmation__question">
        {question}
      </p>
      <div class="confirmation__choices">
        <button ref={cancelRef} type="button" class="button" data-testid={`${id}-cancel`} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="button button--danger" data-testid={`${id}-confirm`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
