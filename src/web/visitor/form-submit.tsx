import { useEffect, useState } from 'preact/hooks';
import { AUTOMATION_CHECK_EVENT, type ApiErrorCode } from '../common/api';
import { errorText } from '../common/error-text';
import { useLanguage, useT } from '../common/i18n';

interface FormSubmitProps {
  /** Why the last attempt failed, shown as an alert above the button; null before one failed. */
  failure: ApiErrorCode | null;
  /** The failure's detail from the server (a block's end time), when the form kept it. */
  failureDetail?: string | undefined;
  submitting: boolean;
  label: string;
  busyLabel: string;
  testId: string;
  failureTestId?: string;
}

/** True while the browser solves a limit's proof of work (common/api.ts). */
function useAutomationCheck(): boolean {
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    const listener = (event: Event) => setChecking((event as CustomEvent<boolean>).detail);
    window.addEventListener(AUTOMATION_CHECK_EVENT, listener);
    return () => window.removeEventListener(AUTOMATION_CHECK_EVENT, listener);
  }, []);
  return checking;
}

/**
 * The end of each visitor form: what went wrong, then the submit button, disabled while it sends.
 * While the form's request proves it comes from no script (past a per-address limit), a polite
 * status says so; the live region is there from the start, so the words are read when they come.
 */
export function FormSubmit({ failure, failureDetail, submitting, label, busyLabel, testId, failureTestId }: FormSubmitProps) {
  const t = useT();
  const language = useLanguage();
  const checking = useAutomationCheck() && submitting;
  return (
    <>
      <div role="status" data-testid="automation-check">
        {checking && <p class="notice">{t('visitor:automationCheck')}</p>}
      </div>
      {failure && (
        <p class="notice notice--error" role="alert" data-testid={failureTestId}>
          {errorText(t, failure, failureDetail ? { iso: failureDetail, language } : undefined)}
        </p>
      )}

      <button type="submit" class="button button--primary" data-testid={testId} disabled={submitting}>
        {submitting ? busyLabel : label}
      </button>
    </>
  );
}
