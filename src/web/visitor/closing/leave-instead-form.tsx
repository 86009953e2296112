import { useEffect, useState } from 'preact/hooks';
import { CLOSING_ROUTES, type DeskInfo, type LeaveMessageResponse } from '../../../shared/protocol';
import { api, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { measureDraft } from '../../common/composer-input';
import { useT } from '../../common/i18n';
import { FieldError } from '../field-error';
import { FormSubmit } from '../form-submit';
import { LeftMessagePrivacy } from '../leave-message/privacy';
import { useFormValidation } from '../use-form-validation';
import '../leave-message/leave-message.css';

export interface LeaveInsteadFormProps {
  token: string;
  desk: DeskInfo;
  /** What the visitor already wrote in the conversation: the message starts from it. */
  written: string;
  onSent: (receipt: LeaveMessageResponse) => void;
}

/** Good enough to catch a typo; the server checks the address properly. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Turns the waiting conversation into a left message: the text confirmed, an e-mail address only if wanted. */
export function LeaveInsteadForm({ token, desk, written, onSent }: LeaveInsteadFormProps) {
  const t = useT();
  const [text, setText] = useState(written);
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const draft = measureDraft(text, desk.maxMessageLength);
  const address = email.trim();
  const validation = useFormValidation({ body: !draft.canSend, email: address !== '' && !LOOKS_LIKE_EMAIL.test(address), consent: !consent });
  const shown = validation.shown;

  useEffect(() => validation.focus('body'), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setSubmitting(true);
    setFailure(null);
    try {
      onSent(await api(CLOSING_ROUTES.leaveInstead, { token, body: { body: draft.body, ...(address && { email: address }), consent: true } }));
    } catch (error) {
      setFailure(errorCodeOf(error));
      setSubmitting(false);
    }
  };

  return (
    <form class="leave-message-form" onSubmit={submit} noValidate aria-labelledby="leave-instead-heading">
      <div class="field">
        <label for="li-body">{t('visitor:leaveMessage.body')}</label>
        <p id="li-body-hint" class="hint">
          {t('visitor:closingOffer.bodyHint')}
        </p>
        <textarea
          id="li-body"
          ref={validation.ref('body')}
          data-testid="li-body"
          rows={6}
          maxLength={desk.maxMessageLength}
          value={text}
          aria-invalid={shown('body')}
          aria-describedby={shown('body') ? 'li-body-hint li-body-error' : 'li-body-hint'}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {shown('body') && <FieldError id="li-body-error" text={t('visitor:leaveMessage.bodyRequired')} />}
      </div>
      <div class="field">
        <label for="li-email">{t('visitor:closingOffer.email')}</label>
        <p id="li-email-hint" class="hint">
          {t('visitor:closingOffer.emailHint')}
        </p>
        <input
          id="li-email"
          ref={validation.ref('email')}
          data-testid="li-email"
          type="email"
          autocomplete="email"
          inputMode="email"
          maxLength={254}
          value={email}
          aria-invalid={shown('email')}
          aria-describedby={shown('email') ? 'li-email-hint li-email-error' : 'li-email-hint'}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        {shown('email') && <FieldError id="li-email-error" text={t('visitor:leaveMessage.emailInvalid')} />}
      </div>
      <LeftMessagePrivacy deskName={desk.name} />
      <div class="field field--checkbox">
        <input
          id="li-consent"
          ref={validation.ref('consent')}
          data-testid="li-consent"
          type="checkbox"
          checked={consent}
          aria-invalid={shown('consent')}
          aria-describedby={shown('consent') ? 'lm-privacy-summary li-consent-error' : 'lm-privacy-summary'}
          onChange={(event) => setConsent(event.currentTarget.checked)}
        />
        <label for="li-consent">{t('visitor:leaveMessage.consent')}</label>
        {shown('consent') && <FieldError id="li-consent-error" text={t('visitor:leaveMessage.consentRequired')} />}
      </div>
      <FormSubmit failure={failure} submitting={submitting} label={t('visitor:closingOffer.submit')} busyLabel={t('visitor:leaveMessage.sending')} testId="li-submit" />
    </form>
  );
}
