import { useState } from 'preact/hooks';
import type { LoginResponse, StaffUser } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { formatTimeOrDate } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { signIn, signOut } from './session';
import { RequiredEnrolment, SecondFactorStep } from './two-factor';
import { CurrentPasswordField } from './current-password-field';

interface LoginProps {
  /** Names the app signed in to (the console's unless given), so nobody wonders where they are. */
  heading?: string;
  initialError: ApiErrorCode | null;
  /** With `session_idle`: the minutes without activity after which the session ended. */
  idleMinutes?: string | undefined;
  /** A sign-in half done (password given) when the page was loaded. */
  initialPending?: LoginResponse | undefined;
  onSignedIn: (user: StaffUser) => void;
}

export function Login({ heading, initialError, idleMinutes, initialPending, onSignedIn }: LoginProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(initialError);
  const [busy, setBusy] = useState(false);
  const [warned, setWarned] = useState<{ user: StaffUser; count: number; lastAt: string } | null>(null);
  const [pending, setPending] = useState<LoginResponse | null>(initialPending ?? null);

  /** The answer of the last step: another step to take, or signed in (the owner told of failures first). */
  function proceed(answer: LoginResponse) {
    setPending(answer.step ? answer : null);
    if (answer.step) return;
    if (answer.failedSignIns) setWarned({ user: answer.user, ...answer.failedSignIns });
    else onSignedIn(answer.user);
  }

  /** Leaving the second step or the enrolment: the step's session ends and the password form is back. */
  async function cancel() {
    try {
      await signOut();
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
    setPending(null);
    setPassword('');
    setBusy(false);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      proceed(await signIn(email.trim(), password));
    } catch (failure) {
      setError(errorCodeOf(failure));
      setPassword('');
      setBusy(false);
    }
  }

  if (warned) return <FailedSignInsNotice {...warned} onContinue={() => onSignedIn(warned.user)} />;
  if (pending?.step === 'verify') return <SecondFactorStep onDone={proceed} onCancel={() => void cancel()} />;
  if (pending?.step === 'enrol') return <RequiredEnrolment onDone={() => proceed({ ...pending, step: undefined })} onCancel={() => void cancel()} />;

  return (
    <main id="main" class="login">
      <form class="panel login-form" aria-labelledby="login-heading" onSubmit={submit}>
        <h2 id="login-heading" data-testid="login-heading">
          {heading ?? t('console:login.heading')}
        </h2>
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
        <CurrentPasswordField id="login-password" value={password} onInput={setPassword} />
        {error && (
          <p class="field-error" role="alert" data-testid="login-error">
            {error === 'session_idle' && idleMinutes ? t('console:login.idle', { minutes: idleMinutes }) : errorText(t, error)}
          </p>
        )}
        <button type="submit" data-testid="login-submit" disabled={busy}>
          {busy ? t('console:login.submitting') : t('console:login.submit')}
        </button>
      </form>
    </main>
  );
}

/** Someone tried wrong passwords at this account: its owner is told before the console opens. */
function FailedSignInsNotice({ count, lastAt, onContinue }: { count: number; lastAt: string; onContinue: () => void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <main id="main" class="login">
      <div class="panel login-form">
        <p role="alert" data-testid="failed-sign-ins">
          {t('console:security.failedSignIns', { count, lastAt: formatTimeOrDate(lastAt, language) })}
        </p>
        <button type="button" data-testid="failed-sign-ins-continue" onClick={onContinue}>
          {t('console:security.continue')}
        </button>
      </div>
    </main>
  );
}
