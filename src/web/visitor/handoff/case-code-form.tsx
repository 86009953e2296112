/**
 * The case code typed on another device: checked here first (a typo costs no attempt of the
 * visitor's limited few), then the server takes the conversation to this device.
 */
import { useState } from 'preact/hooks';
import type { StartConversationResponse } from '../../../shared/desk-protocol';
import { parseReadableCode } from '../../../shared/readable-code';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { useT } from '../../common/i18n';
import { FieldError } from '../field-error';
import { FormSubmit } from '../form-submit';
import { useFormValidation } from '../use-form-validation';
import { claimCase } from './api';

export function CaseCodeForm({ onContinued }: { onContinued: (response: StartConversationResponse) => void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const code = parseReadableCode(typed);
  const validation = useFormValidation({ code: code === null });
  const invalid = validation.shown('code');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check() || !code) return;
    setSubmitting(true);
    setFailure(null);
    try {
      onContinued(await claimCase({ code }));
    } catch (error) {
      setFailure(errorCodeOf(error));
      setSubmitting(false);
    }
  };

  return (
    <form class="case-code-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="case-code-input">{t('visitor:handoff.entryLabel')}</label>
        <p id="case-code-hint" class="hint">
          {t('visitor:handoff.entryHint')}
        </p>
        <input
          id="case-code-input"
          ref={validation.ref('code')}
          data-testid="case-code-input"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={40}
          value={typed}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'case-code-hint case-code-error' : 'case-code-hint'}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        {invalid && <FieldError id="case-code-error" text={t('visitor:handoff.notACode')} />}
      </div>
      <FormSubmit
        failure={failure}
        submitting={submitting}
        label={t('visitor:handoff.entrySubmit')}
        busyLabel={t('visitor:handoff.entrySubmitting')}
        testId="case-code-submit"
        failureTestId="case-code-failure"
      />
    </form>
  );
}
