import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeskInfo, LeaveMessageResponse } from '../../../shared/protocol';
import type { UiLanguage } from '../../../shared/languages';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { measureDraft } from '../../common/composer-input';
import { LanguageSelect } from '../../common/language-select';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { FieldError } from '../field-error';
import { FormSubmit } from '../form-submit';
import { HelpSuggestions } from '../help-suggestions';
import { useFormValidation } from '../use-form-validation';
import { leaveMessage, messagePageLink } from './api';
import { AttachedFiles } from './attached-files';
import { AddressAndConsent, LOOKS_LIKE_EMAIL } from './address-and-consent';
import { KeepPrivateLink } from '../keep-private-link';
import './leave-message.css';

export interface LeaveMessageFormProps {
  desk: DeskInfo;
}

export function LeaveMessageForm({ desk }: LeaveMessageFormProps) {
  const t = useT();
  const pageLanguage = useLanguage();
  const [topic, setTopic] = useState('');
  const [language, setLanguage] = useState<UiLanguage>(desk.languages.includes(pageLanguage) ? pageLanguage : desk.defaultLanguage);
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [sent, setSent] = useState<{ receipt: LeaveMessageResponse; email: string } | null>(null);
  const draft = measureDraft(text, desk.maxMessageLength);
  const validation = useFormValidation({
    topic: !topic,
    body: !draft.canSend,
    email: desk.sendsEmail && !LOOKS_LIKE_EMAIL.test(email.trim()),
    consent: !consent,
  });
  const shown = validation.shown;

  // The button that opened the form is gone: focus moves to the form's first field.
  useEffect(() => validation.focus('topic'), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const address = desk.sendsEmail ? email.trim() : '';
      const receipt = await leaveMessage({ language, topic, body: draft.body, ...(address && { email: address }), consent: true }, files);
      setSent({ receipt, email: address });
    } catch (error) {
      setFailure(errorCodeOf(error));
      setSubmitting(false);
    }
  };

  if (sent) return <Sent reference={sent.receipt.reference} token={sent.receipt.token} email={sent.email} filesChecking={sent.receipt.filesChecking} />;

  return (
    <form class="leave-message-form" onSubmit={submit} noValidate aria-labelledby="leave-message-heading">
      <p>{t(desk.sendsEmail ? 'visitor:leaveMessage.intro' : 'visitor:leaveMessage.introNoEmail')}</p>
      <div class="field">
        <label for="lm-topic">{t('visitor:leaveMessage.topic')}</label>
        <select
          id="lm-topic"
          ref={validation.ref('topic')}
          data-testid="lm-topic"
          value={topic}
          aria-invalid={shown('topic')}
          aria-describedby={shown('topic') ? 'lm-topic-error' : undefined}
          onChange={(event) => setTopic(event.currentTarget.value)}
        >
          <option value="">{t('visitor:start.topicPlaceholder')}</option>
          {desk.topics.map((id) => (
            <option key={id} value={id}>
              {topicName(t, id, pageLanguage, desk.topicNames?.[id])}
            </option>
          ))}
        </select>
        {shown('topic') && <FieldError id="lm-topic-error" text={t('visitor:start.topicRequired')} />}
      </div>

      {desk.languages.length > 1 && (
        <LanguageSelect id="lm-language" label={t('visitor:leaveMessage.language')} languages={desk.languages} value={language} onChange={setLanguage} />
      )}

      <div class="field">
        <label for="lm-body">{t('visitor:leaveMessage.body')}</label>
        <p id="lm-body-hint" class="hint">
          {t('visitor:leaveMessage.bodyHint', { max: desk.maxMessageLength })}
        </p>
        <textarea
          id="lm-body"
          ref={validation.ref('body')}
          data-testid="lm-body"
          rows={6}
          maxLength={desk.maxMessageLength}
          value={text}
          aria-invalid={shown('body')}
          aria-describedby={shown('body') ? 'lm-body-hint lm-body-error' : 'lm-body-hint'}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <HelpSuggestions text={text} topic={topic} />
        {draft.showCounter && (
          <p class="hint">{t('common:composer.counter', { length: draft.length, max: desk.maxMessageLength })}</p>
        )}
        {shown('body') && <FieldError id="lm-body-error" text={t('visitor:leaveMessage.bodyRequired')} />}
      </div>

      {desk.files && desk.files.perConversation > 0 && <AttachedFiles limits={desk.files} onChange={setFiles} />}

      <AddressAndConsent
        prefix="lm"
        office={desk.office}
        askEmail={desk.sendsEmail}
        emailLabel={t('visitor:leaveMessage.email')}
        emailHint={t('visitor:leaveMessage.emailHint')}
        email={email}
        onEmail={setEmail}
        emailRef={validation.ref('email')}
        emailInvalid={shown('email')}
        consent={consent}
        onConsent={setConsent}
        consentRef={validation.ref('consent')}
        consentInvalid={shown('consent')}
      />

      <FormSubmit failure={failure} submitting={submitting} label={t('visitor:leaveMessage.submit')} busyLabel={t('visitor:leaveMessage.sending')} testId="lm-submit" />
    </form>
  );
}

/** `email`: where the confirmation goes; empty: none is sent, and the private link is the way back. */
function Sent({ reference, token, email, filesChecking }: { reference: string; token: string; email: string; filesChecking: boolean }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form is gone; the result takes focus, and a screen reader reads its heading.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div class="leave-message-sent" data-testid="lm-sent">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('visitor:leaveMessage.sent.heading')}
      </h3>
      <p>
        {t('visitor:leaveMessage.sent.reference')} <strong class="reference reference--large" data-testid="lm-reference">{reference}</strong>
      </p>
      {filesChecking && <p data-testid="lm-files-checking">{t('visitor:leaveMessage.sent.filesChecking')}</p>}
      {email ? (
        <>
          <p>{t('visitor:leaveMessage.sent.email', { email })}</p>
          <p>{t('visitor:leaveMessage.sent.link')}</p>
        </>
      ) : (
        <KeepPrivateLink href={messagePageLink(token)} testId="lm-keep-link" />
      )}
      <p>
        <a href={messagePageLink(token)} data-testid="lm-private-link">
          {t('visitor:leaveMessage.sent.open')}
        </a>
      </p>
    </div>
  );
}
