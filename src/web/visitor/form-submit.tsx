import type { ApiErrorCode } from '../common/api';
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

/** The end of each visitor form: what went wrong, then the submit button, disabled while it sends. */
export function FormSubmit({ failure, failureDetail, submitting, label, busyLabel, testId, failureTestId }: FormSubmitProps) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
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
