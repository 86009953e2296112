import type { ApiErrorCode } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';

interface FormSubmitProps {
  /** Why the last attempt failed, shown as an alert above the button; null before one failed. */
  failure: ApiErrorCode | null;
  submitting: boolean;
  label: string;
  busyLabel: string;
  testId: string;
  failureTestId?: string;
}

/** The end of each visitor form: what went wrong, then the submit button, disabled while it sends. */
export function FormSubmit({ failure, submitting, label, busyLabel, testId, failureTestId }: FormSubmitProps) {
  const t = useT();
  return (
    <>
      {failure && (
        <p class="notice notice--error" role="alert" data-testid={failureTestId}>
          {errorText(t, failure)}
        </p>
      )}

      <button type="submit" class="button button--primary" data-testid={testId} disabled={submitting}>
        {submitting ? busyLabel : label}
      </button>
    </>
  );
}
