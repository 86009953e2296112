import { useState } from 'preact/hooks';
import type { StaffUser } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';
import { signIn } from './session';

interface LoginProps {
  initialError: ApiErrorCode | null;
  onSignedIn: (user: StaffUser) => void;
}

export function Login({ initialError, onSignedIn }: LoginProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (failure) {
      setError(errorCodeOf(failure));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <form class="panel login-form" aria-labelledby="login-heading" onSubmit={submit}>
        <h2 id="login-heading">{t('console:login.heading')}</h2>
        <div class="field">
          <label for="login-email">{t('console:login.email')}</label>
          <input
            id="login-email"
            data-testid="login-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t('console:login.password')}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </div>
        {error && (
          <p class="field-error" role="alert" data-testid="login-error">
            {errorText(t, error)}
          </p>
        )}
        <button type="submit" data-testid="login-submit" disabled={busy}>
          {busy ? t('console:login.submitting') : t('console:login.submit')}
        </button>
      </form>
    </main>
  );
}
