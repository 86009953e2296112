import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { FINE_POINTER_QUERY, hasFinePointer, measureDraft, sendsOnEnter } from './composer-input';
import { useT } from './i18n';

interface ComposerProps {
  /** The app's own label ("Your message" for a visitor, "Message" for a consultant). */
  label: string;
  /** The desk's limit; Infinity while it is not known yet (the server still checks). */
  maxLength: number;
  autoFocus: boolean;
  initialText?: string;
  onTextChange?: (text: string) => void;
  onSend: (body: string) => void;
  /** Shown with the message box, e.g. the attach button. */
  accessory?: ComponentChildren;
  /** Text to put in at the cursor (e.g. a canned answer); a new `serial` inserts again. */
  insertion?: { text: string; serial: number };
  /** "/" typed into the empty box calls this instead of writing it (the console's canned answers). */
  onCommandKey?: () => void;
  /** Starts at one line and grows with the text (up to the CSS max-height), as messengers' boxes do. */
  grow?: boolean;
}

/**
 * The message box of both apps, with its Send button beside it: Enter sends where there is a real
 * keyboard (see sendsOnEnter), the hint says which, and a message over the limit is refused with
 * a counter and a reason instead of being silently cut by maxlength.
 */
export function Composer(props: ComposerProps) {
  const { label, maxLength, autoFocus, initialText = '', onTextChange, onSend, accessory, insertion, onCommandKey, grow = false } = props;
  const t = useT();
  const [text, setTextState] = useState(initialText);
  const enterSends = useFinePointer();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, []);
  const draft = measureDraft(text, maxLength);
  const caretAfterInsert = useRef<number | null>(null);

  // Before paint, so a key pressed right after choosing an answer lands after it, not before.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!insertion || !input) return;
    const start = input.selectionStart ?? text.length;
    const end = input.selectionEnd ?? text.length;
    caretAfterInsert.current = start + insertion.text.length;
    setText(text.slice(0, start) + insertion.text + text.slice(end));
  }, [insertion?.serial]);

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!grow || !input) return;
    input.style.height = 'auto';
    // scrollHeight leaves out the borders, which box-sizing: border-box counts in the height.
    input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
  }, [text, grow]);

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (caretAfterInsert.current === null || !input) return;
    input.focus();
    input.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
    caretAfterInsert.current = null;
  }, [text]);

  const setText = (next: string) => {
    setTextState(next);
    onTextChange?.(next);
  };

  const send = () => {
    if (!draft.canSend) return;
    onSend(draft.body);
    setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="message-input">{label}</label>
      <div class="composer-row">
        <textarea
          id="message-input"
          ref={inputRef}
          data-testid="message-input"
          rows={grow ? 1 : 3}
          value={text}
          aria-invalid={draft.tooLong}
          aria-describedby="composer-hint composer-limit"
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (onCommandKey && event.key === '/' && text === '') {
              event.preventDefault();
              return onCommandKey();
            }
            if (!sendsOnEnter(event, enterSends)) return;
            event.preventDefault();
            send();
          }}
        />
        <button type="submit" class="button button--primary composer-send" data-testid="send-button">
          {t('common:composer.send')}
        </button>
      </div>
      {accessory}
      <div class="composer-footer">
        <p id="composer-hint" class="hint" data-testid="composer-hint" data-enter-sends={enterSends}>
          {t(enterSends ? 'common:composer.hintEnter' : 'common:composer.hintTouch')}
        </p>
        {draft.showCounter && (
          <p class={draft.tooLong ? 'counter counter--over' : 'counter'} data-testid="composer-counter">
            {t('common:composer.counter', { length: draft.length, max: maxLength })}
          </p>
        )}
      </div>
      <p id="composer-limit" class="field-error" aria-live="polite" data-testid="composer-limit">
        {draft.tooLong ? t('common:composer.tooLong', { max: maxLength }) : ''}
      </p>
    </form>
  );
}

/** Follows the primary pointer, which changes when a tablet is docked to a keyboard and mouse. */
function useFinePointer(): boolean {
  const [fine, setFine] = useState(() => hasFinePointer());
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(FINE_POINTER_QUERY);
    const update = () => setFine(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return fine;
}
