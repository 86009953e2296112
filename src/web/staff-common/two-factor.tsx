/**
 * Two-step sign-in in the staff apps: the second step after the password (a code from the
 * authenticator app, a recovery code, or a passkey), and setting one up — after the password when
 * the account must have one, or from the account menu.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LoginResponse, TotpSetup, TwoFactorStatus } from '../../shared/protocol';
import { ApiError, type ApiErrorCode, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';
import { DialogCancel } from './dialog-cancel';
import { addPasskey, confirmTotp, giveCode, givePasskey, startTotp, twoFactorStatus } from './session';

/** A WebAuthn ceremony the person cancelled or the browser refused is not an error code of ours. */
function failureOf(failure: unknown): ApiErrorCode {
  return failure instanceof ApiError ? failure.code : 'second_factor_invalid';
}

function FieldError({ error }: { error: ApiErrorCode | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <p class="field-error" role="alert" data-testid="two-factor-error">
      {errorText(t, error)}
    </p>
  );
}

/** Takes the focus when it appears, so it does not fall to the page between the steps of a sign-in. */
function useFocusOnAppear<T extends HTMLElement>(step?: string) {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), [step]);
  return ref;
}

function CancelSignIn({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  return (
    <button type="button" class="secondary" data-testid="cancel-sign-in" onClick={onCancel}>
      {t('console:twoFactor.cancelSignIn')}
    </button>
  );
}

/** The second step of a sign-in. */
export function SecondFactorStep({ onDone, onCancel }: { onDone: (answer: LoginResponse) => void; onCancel: () => void }) {
  const t = useT();
  const codeInput = useFocusOnAppear<HTMLInputElement>();
  const [method, setMethod] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(step: () => Promise<LoginResponse>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await step());
    } catch (failure) {
      setError(failureOf(failure));
      setCode('');
      setBusy(false);
    }
  }

  const submit = (event: Event) => {
    event.preventDefault();
    void attempt(() => giveCode(method, code));
  };

  return (
    <main id="main" class="login">
      <form class="panel login-form" aria-labelledby="second-factor-heading" onSubmit={submit} data-testid="second-factor-form">
        <h2 id="second-factor-heading">{t('console:twoFactor.verifyHeading')}</h2>
        <p>{t('console:twoFactor.verifyIntro')}</p>
        <div class="field">
          <label for="second-factor-code">{method === 'totp' ? t('console:twoFactor.codeLabel') : t('console:twoFactor.recoveryLabel')}</label>
          <input
            id="second-factor-code"
            ref={codeInput}
            data-testid="second-factor-code"
            autocomplete="one-time-code"
            inputMode={method === 'totp' ? 'numeric' : 'text'}
            required
            value={code}
            onInput={(event) => setCode(event.currentTarget.value)}
          />
        </div>
        <FieldError error={error} />
        <button type="submit" data-testid="second-factor-submit" disabled={busy}>
          {t('console:twoFactor.verifySubmit')}
        </button>
        <div class="button-row">
          <button type="button" class="secondary" data-testid="passkey-sign-in" disabled={busy} onClick={() => void attempt(givePasskey)}>
            {t('console:twoFactor.usePasskey')}
          </button>
          <button type="button" class="secondary" data-testid="second-factor-switch" onClick={() => setMethod(method === 'totp' ? 'recovery' : 'totp')}>
            {method === 'totp' ? t('console:twoFactor.useRecovery') : t('console:twoFactor.useTotp')}
          </button>
          <CancelSignIn onCancel={onCancel} />
        </div>
      </form>
    </main>
  );
}

/** The sign-in's enrolment step: the account must have a second factor before anything else opens. */
export function RequiredEnrolment({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const heading = useFocusOnAppear<HTMLHeadingElement>();
  return (
    <main id="main" class="login">
      <section class="panel login-form" aria-labelledby="two-factor-setup-heading">
        <h2 id="two-factor-setup-heading" ref={heading} tabIndex={-1}>
          {t('console:twoFactor.enrolHeading')}
        </h2>
        <p>{t('console:twoFactor.enrolRequired')}</p>
        <TwoFactorSetup onDone={onDone} />
        <div class="button-row">
          <CancelSignIn onCancel={onCancel} />
        </div>
      </section>
    </main>
  );
}

/** The account menu's "two-step sign-in": what is set up, and adding a method. */
export function TwoFactorSettings() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  // Each method added starts the setup afresh at the choice, not at the codes or the used QR code.
  const [added, setAdded] = useState(0);

  const refresh = () => twoFactorStatus().then(setStatus, (failure: unknown) => setError(errorCodeOf(failure)));

  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal();
    void refresh();
  }, [open]);

  return (
    <>
      <button type="button" class="secondary" data-testid="two-factor-settings" onClick={() => setOpen(true)}>
        {t('console:twoFactor.settings')}
      </button>
      {open && (
        <dialog ref={dialog} aria-labelledby="two-factor-settings-heading" onClose={() => setOpen(false)} data-testid="two-factor-dialog">
          <h2 id="two-factor-settings-heading">{t('console:twoFactor.settings')}</h2>
          <FieldError error={error} />
          {status && (
            <ul data-testid="two-factor-status">
              <li>{status.totp ? t('console:twoFactor.totpOn') : t('console:twoFactor.totpOff')}</li>
              <li>{t('console:twoFactor.passkeyCount', { number: status.passkeys })}</li>
              <li>{t('console:twoFactor.recoveryLeft', { number: status.recoveryCodesLeft })}</li>
            </ul>
          )}
          {status && (
            <TwoFactorSetup
              key={added}
              totpOn={status.totp}
              onDone={() => {
                setAdded((count) => count + 1);
                void refresh();
              }}
            />
          )}
          <DialogCancel />
        </dialog>
      )}
    </>
  );
}

type SetupState = { kind: 'choose' } | { kind: 'totp'; setup: TotpSetup } | { kind: 'codes'; codes: string[] };

/** Adding a method: an authenticator app (QR code and key, confirmed with a code) or a passkey; the recovery codes once. */
function TwoFactorSetup({ totpOn = false, onDone }: { totpOn?: boolean; onDone: () => void }) {
  const t = useT();
  const [state, setState] = useState<SetupState>({ kind: 'choose' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  // The code field of the QR step, or the heading of the codes: what the person types or reads next.
  const confirmInput = useFocusOnAppear<HTMLInputElement>(state.kind);
  const codesHeading = useFocusOnAppear<HTMLHeadingElement>(state.kind);

  async function attempt(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setBusy(false);
    }
  }

  /** The first method enrolled brings the recovery codes, to be read before going on. */
  const enrolled = (codes: string[] | null) => (codes ? setState({ kind: 'codes', codes }) : onDone());

  if (state.kind === 'codes') {
    return (
      <div data-testid="recovery-codes">
        <h3 id="recovery-codes-heading" ref={codesHeading} tabIndex={-1}>
          {t('console:twoFactor.recoveryHeading')}
        </h3>
        <p>{t('console:twoFactor.recoveryIntro')}</p>
        <ul class="recovery-codes">
          {state.codes.map((recoveryCode) => (
            <li key={recoveryCode}>
              <code>{recoveryCode}</code>
            </li>
          ))}
        </ul>
        <button type="button" data-testid="recovery-codes-saved" onClick={onDone}>
          {t('console:twoFactor.recoveryDone')}
        </button>
      </div>
    );
  }

  if (state.kind === 'totp') {
    const confirm = (event: Event) => {
      event.preventDefault();
      void attempt(async () => enrolled(await confirmTotp(code)));
    };
    return (
      <form onSubmit={confirm} data-testid="totp-setup">
        <p>{t('console:twoFactor.totpScan')}</p>
        <img src={state.setup.qr} alt={t('console:twoFactor.qrAlt')} width={240} height={240} />
        <p>
          {t('console:twoFactor.secretLabel')} <code data-testid="totp-secret">{state.setup.secret}</code>
        </p>
        <div class="field">
          <label for="totp-confirm-code">{t('console:twoFactor.codeLabel')}</label>
          <input
            id="totp-confirm-code"
            ref={confirmInput}
            data-testid="totp-confirm-code"
            autocomplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onInput={(event) => setCode(event.currentTarget.value)}
          />
        </div>
        <FieldError error={error} />
        <button type="submit" data-testid="totp-confirm" disabled={busy}>
          {t('console:twoFactor.confirm')}
        </button>
      </form>
    );
  }

  return (
    <div class="button-row" data-testid="two-factor-methods">
      {!totpOn && (
        <button type="button" data-testid="totp-start" disabled={busy} onClick={() => void attempt(async () => setState({ kind: 'totp', setup: await startTotp() }))}>
          {t('console:twoFactor.totpStart')}
        </button>
      )}
      <button type="button" class="secondary" data-testid="passkey-add" disabled={busy} onClick={() => void attempt(async () => enrolled(await addPasskey()))}>
        {t('console:twoFactor.passkeyAdd')}
      </button>
      <FieldError error={error} />
    </div>
  );
}
