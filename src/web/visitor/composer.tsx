import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../common/i18n';

/** The counter appears once the message is this close to the desk's limit. */
const COUNTER_FROM = 0.8;

interface ComposerProps {
  maxLength: number;
  autoFocus: boolean;
  onSend: (body: string) => void;
}

export function Composer({ maxLength, autoFocus, onSend }: ComposerProps) {
  const t = useT();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, []);
  const length = text.trim().length;
  const tooLong = length > maxLength;

  const send = () => {
    const body = text.trim();
    if (!body || body.length > maxLength) return;
    onSend(body);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="message-input">{t('visitor:composer.label')}</label>
      <textarea
        id="message-input"
        ref={inputRef}
        data-testid="message-input"
        rows={3}
        value={text}
        aria-invalid={tooLong}
        aria-describedby="composer-hint composer-limit"
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer-footer">
        <p id="composer-hint" class="hint">
          {t('visitor:composer.hint')}
        </p>
        {length >= maxLength * COUNTER_FROM && (
          <p class={tooLong ? 'counter counter--over' : 'counter'}>
            {t('visitor:composer.counter', { length, max: maxLength })}
          </p>
        )}
        <button type="submit" class="button button--primary" data-testid="send-button">
          {t('visitor:composer.send')}
        </button>
      </div>
      <p id="composer-limit" class="field-error" aria-live="polite">
        {tooLong ? t('visitor:composer.tooLong', { max: maxLength }) : ''}
      </p>
    </form>
  );
}
