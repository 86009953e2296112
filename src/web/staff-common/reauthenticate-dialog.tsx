/**
 * Asks for the password again when an admin change is refused with `reauthentication_required`
 * (api.ts retries the change once it was accepted). Cancelling gives the refusal back to the form,
 * which keeps what was typed in it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AUTH_ROUTES } from '../../shared/protocol';
import { api, type ApiErrorCode, errorCodeOf, setReauthenticator } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';
import { DialogCancel } from './dialog-cancel';
import { CurrentPasswordField } from './current-password-field';

export function ReauthenticateDialog() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const answer = useRef<((given: boolean) => void) | null>(null);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      setReauthenticator(
        () =>
          new Promise<boolean>((resolve) => {
            answer.current?.(false);
            answer.current = resolve;
            setPassword('');
            setError(null);
            setOpen(true);
          }),
      ),
    [],
  );

  useEffect(() => {
    if (open) dialog.current?.showModal();
  }, [open]);

  const finish = (given: boolean) => {
    answer.current?.(given);
    answer.current = null;
    setOpen(false);
  };

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await api(AUTH_ROUTES.reauthenticate, { body: { password } });
      dialog.current?.close();
      finish(true);
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!open) return null;
  return (
    <dialog ref={dialog} aria-labelledby="reauthenticate-heading" aria-describedby="reauthenticate-intro" onClose={() => finish(false)} data-testid="reauthenticate-dialog">
      <h2 id="reauthenticate-heading">{t('console:reauthenticate.heading')}</h2>
      <p id="reauthenticate-intro">{t('console:reauthenticate.intro')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <CurrentPasswordField id="reauthenticate-password" value={password} onInput={setPassword} />
        {error && (
          <p class="field-error" role="alert" data-testid="reauthenticate-error">
            {errorText(t, error)}
          </p>
        )}
        <button type="submit" data-testid="reauthenticate-submit" disabled={busy}>
          {t('console:reauthenticate.submit')}
        </button>
      </form>
      <DialogCancel />
    </dialog>
  );
}
