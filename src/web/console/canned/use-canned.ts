import { useState } from 'preact/hooks';
import { focusById } from '../shortcuts/use-shortcuts';

/** The message box's id (src/web/common/composer.tsx): focus returns there after the picker. */
const MESSAGE_INPUT_ID = 'message-input';

/** Whether the canned-answer picker is open, and the last answer chosen for the message box. */
export function useCannedAnswers() {
  const [open, setOpen] = useState(false);
  const [insertion, setInsertion] = useState<{ text: string; serial: number } | undefined>(undefined);
  return {
    open,
    insertion,
    show: () => setOpen(true),
    /** The composer focuses itself after an insertion; after a cancel focus goes back to it here. */
    hide: () => {
      setOpen(false);
      setTimeout(() => focusById(MESSAGE_INPUT_ID));
    },
    insert: (text: string) => setInsertion((last) => ({ text, serial: (last?.serial ?? 0) + 1 })),
  };
}
