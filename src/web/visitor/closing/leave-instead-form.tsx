import { useEffect, useState } from 'preact/hooks';
import { CLOSING_ROUTES, type DeskInfo, type LeaveMessageResponse } from '../../../shared/protocol';
import { api, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { measureDraft } from '../../common/composer-input';
import { useT } from '../../common/i18n';
import { FieldError } from '../field-error';
import { FormSubmit } from '../form-submit';
import { AddressAndConsent, LOOKS_LIKE_EMAIL } from '../leave-message/address-and-consent';
import { useFormValidation } from '../use-form-validation';
import '../leave-message/leave-message.css';

export interface LeaveInsteadFormProps {
  token: string;
  desk: DeskInfo;
  /** What the visitor already wrote in the conversation: the message starts from it. */
  written: string;
  onSent: (receipt: LeaveMessageResponse) => void;
}

/** Turns the waiting conversation into a left message: the text confirmed, an e-mail address only if wanted. */
export function LeaveInsteadForm({ token, desk, written, onSent }: LeaveInsteadFormProps) {
  const t = useT();
  const [text, setText] = useState(written);
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const draft = measureDraft(text, desk.maxMessageLength);
  const address = desk.sendsEmail ? email.trim() : '';
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
      <AddressAndConsent
        prefix="li"
        office={desk.office}
        askEmail={desk.sendsEmail}
        emailLabel={t('visitor:closingOffer.email')}
        emailHint={t('visitor:closingOffer.emailHint')}
        email={email}
        onEmail={setEmail}
        emailRef={validation.ref('email')}
        emailInvalid={shown('email')}
        consent={consent}
        onConsent={setConsent}
        consentRef={validation.ref('consent')}
        consentInvalid={shown('consent')}
      />
      <FormSubmit failure={failure} submitting={submitting} label={t('visitor:closingOffer.submit')} busyLabel={t('visitor:leaveMessage.sending')} testId="li-submit" />
    </form>
  );
}
