import { useState } from 'preact/hooks';
import type { DeskInfo, StartConversationResponse } from '../../shared/protocol';
import { ApiError, errorCodeOf, type ApiErrorCode } from '../common/api';
import { useLanguage, useT } from '../common/i18n';
import { viewerTimeZone } from '../common/format';
import { topicName } from '../common/topic-name';
import { browserStorage } from '../common/storage';
import { startConversation } from './api';
import { deviceId } from './device-id';
import { topicFromQuery } from './language';
import { PrivacyNotice } from './privacy-notice';
import { useFormValidation } from './use-form-validation';
import { FormSubmit } from './form-submit';
import { SpokenLanguageField } from './spoken-language/spoken-language-field';
import { HelpSuggestions } from './help-suggestions';

interface StartFormProps {
  desk: DeskInfo;
  /** `question`: what the visitor wrote while the articles were suggested, for their first message. */
  onStarted: (response: StartConversationResponse, question: string) => void;
  /** The desk closed while the visitor was filling in the form. */
  onServiceClosed: () => void;
}

export function StartForm({ desk, onStarted, onServiceClosed }: StartFormProps) {
  const t = useT();
  const language = useLanguage();
  const [topic, setTopic] = useState(() => topicFromQuery(location.search, desk.topics));
  const [name, setName] = useState('');
  const [spokenLanguage, setSpokenLanguage] = useState('');
  const [question, setQuestion] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [rememberDevice, setRememberDevice] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [failureDetail, setFailureDetail] = useState<string | undefined>(undefined);
  const validation = useFormValidation({ topic: !topic, accept: !accepted });
  const topicMissing = validation.shown('topic');
  const acceptMissing = validation.shown('accept');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const visitorName = name.trim() || undefined;
      const device = rememberDevice ? { deviceId: deviceId(browserStorage()) } : {};
      const spoken = spokenLanguage ? { spokenLanguage } : {};
      onStarted(await startConversation({ language, topic, visitorName, privacyAccepted: true, visitorTimeZone: viewerTimeZone(), ...device, ...spoken }), question.trim());
    } catch (error) {
      const code = errorCodeOf(error);
      setFailure(code);
      setFailureDetail(error instanceof ApiError ? error.detail : undefined);
      setSubmitting(false);
      if (code === 'service_closed') onServiceClosed();
    }
  };

  return (
    <form class="start-form" onSubmit={submit} noValidate aria-labelledby="start-heading">
      <h2 id="start-heading">{t('visitor:start.heading')}</h2>
      <p>{t('visitor:start.intro')}</p>

      <div class="field">
        <label for="topic">{t('visitor:start.topic')}</label>
        <select
          id="topic"
          ref={validation.ref('topic')}
          data-testid="topic-select"
          required
          value={topic}
          aria-invalid={topicMissing}
          aria-describedby={topicMissing ? 'topic-error' : undefined}
          onChange={(event) => setTopic(event.currentTarget.value)}
        >
          <option value="">{t('visitor:start.topicPlaceholder')}</option>
          {desk.topics.map((id) => (
            <option key={id} value={id}>
              {topicName(t, id, language, desk.topicNames?.[id])}
            </option>
          ))}
        </select>
        {topicMissing && (
          <p id="topic-error" class="field-error">
            {t('visitor:start.topicRequired')}
          </p>
        )}
      </div>

      <div class="field">
        <label for="visitor-question">
          {t('common:help.question')} <span class="optional">{t('visitor:start.optional')}</span>
        </label>
        <p id="question-hint" class="hint">
          {t('common:help.questionHint')}
        </p>
        <textarea
          id="visitor-question"
          data-testid="visitor-question"
          rows={3}
          maxLength={desk.maxMessageLength}
          value={question}
          aria-describedby="question-hint"
          onInput={(event) => setQuestion(event.currentTarget.value)}
        />
        <HelpSuggestions text={question} topic={topic} />
      </div>

      <div class="field">
        <label for="visitor-name">
          {t('visitor:start.name')} <span class="optional">{t('visitor:start.optional')}</span>
        </label>
        <p id="name-hint" class="hint">
          {t('visitor:start.nameHint')}
        </p>
        <input
          id="visitor-name"
          data-testid="visitor-name"
          type="text"
          autocomplete="name"
          maxLength={60}
          value={name}
          aria-describedby="name-hint"
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>

      <SpokenLanguageField value={spokenLanguage} onChange={setSpokenLanguage} />

      <PrivacyNotice office={desk.office} />

      <div class="field field--checkbox">
        <input
          id="privacy-accept"
          ref={validation.ref('accept')}
          data-testid="privacy-accept"
          type="checkbox"
          required
          checked={accepted}
          aria-invalid={acceptMissing}
          aria-describedby={acceptMissing ? 'privacy-summary privacy-error' : 'privacy-summary'}
          onChange={(event) => setAccepted(event.currentTarget.checked)}
        />
        <label for="privacy-accept">{t('visitor:start.privacyAccept')}</label>
        {acceptMissing && (
          <p id="privacy-error" class="field-error">
            {t('visitor:start.privacyRequired')}
          </p>
        )}
      </div>

      <div class="field field--checkbox">
        <input
          id="remember-device"
          data-testid="remember-device"
          type="checkbox"
          checked={rememberDevice}
          aria-describedby="remember-device-hint"
          onChange={(event) => setRememberDevice(event.currentTarget.checked)}
        />
        <label for="remember-device">{t('visitor:start.rememberDevice')}</label>
        <p id="remember-device-hint" class="hint">
          {t('visitor:start.rememberDeviceHint')}
        </p>
      </div>

      <div class="start-submit">
        <FormSubmit failure={failure} failureDetail={failureDetail} failureTestId="start-failure" submitting={submitting} label={t('visitor:start.submit')} busyLabel={t('visitor:start.starting')} testId="start-button" />
      </div>
    </form>
  );
}
