/**
 * Deleting what a private page shows — a left message, a booking — for good, asked first through
 * the shared confirmation; a failure (offline) is said and the page stays as it was.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorCodeOf, type ApiErrorCode } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';
import { Confirmation } from '../common/confirmation';

interface DeleteOwnDataProps {
  /** Prefix of the test ids: `<id>-button`, `<id>-confirm`, `<id>-cancel`, `<id>-failure`. */
  id: string;
  label: string;
  question: string;
  erase: () => Promise<void>;
  onErased: () => void;
}

export function DeleteOwnData({ id, label, question, erase, onErased }: DeleteOwnDataProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // Back from the question (kept, Escape, or a failure): focus returns to the button that asked.
  useLayoutEffect(() => {
    if (wasAsking.current && !asking) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await erase();
      onErased();
    } catch (error) {
      setFailure(errorCodeOf(error));
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="delete-own-data">
      {failure && (
        <p class="notice notice--error" role="alert" data-testid={`${id}-failure`}>
          {errorText(t, failure)}
        </p>
      )}
      {asking ? (
        <Confirmation id={id} question={question} confirmLabel={t('visitor:deleteOwn.confirm')} cancelLabel={t('visitor:deleteOwn.cancel')} busy={busy} onConfirm={confirm} onCancel={() => setAsking(false)} />
      ) : (
        <button ref={buttonRef} type="button" class="button button--danger" data-testid={`${id}-button`} onClick={() => setAsking(true)}>
          {label}
        </button>
      )}
    </section>
  );
}

/** What the page says once it is erased; it takes focus, as the button that was focused is gone with the page. */
export function ErasedNotice({ testId, text }: { testId: string; text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} class="notice" role="status" data-testid={testId}>
      {text}
    </p>
  );
}
