import { useState } from 'preact/hooks';
import { STAFF_CLOSE_OUTCOMES } from '../../shared/protocol';
import { useLanguage, useT } from '../common/i18n';
import { topicName } from '../common/topic-name';
import type { CloseOutcome } from './desk-state';

interface ClosePanelProps {
  initialTopic: string;
  /** The desk's topics; the visitor's choice is offered even if the desk no longer lists it. */
  topics: readonly string[];
  onClose: (topic: string, outcome: CloseOutcome) => void;
}

/** Closing records the topic (correctable: visitors often pick a near one) and a required outcome. */
export function ClosePanel({ initialTopic, topics, onClose }: ClosePanelProps) {
  const t = useT();
  const language = useLanguage();
  const [topic, setTopic] = useState(initialTopic);
  const [outcome, setOutcome] = useState<CloseOutcome | ''>('');
  const [missingOutcome, setMissingOutcome] = useState(false);
  const topicChoices = topics.includes(initialTopic) ? topics : [initialTopic, ...topics];

  function submit(event: Event) {
    event.preventDefault();
    if (!outcome) return setMissingOutcome(true);
    onClose(topic, outcome);
  }

  return (
    <form class="panel close-panel" aria-labelledby="close-heading" onSubmit={submit} noValidate>
      <h3 id="close-heading">{t('console:close.heading')}</h3>
      <div class="field">
        <label for="close-topic">{t('console:close.topic')}</label>
        <select
          id="close-topic"
          data-testid="close-topic"
          value={topic}
          onChange={(event) => setTopic(event.currentTarget.value)}
        >
          {topicChoices.map((id) => (
            <option key={id} value={id}>
              {topicName(t, id, language)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="close-outcome">{t('console:close.outcome')}</label>
        <select
          id="close-outcome"
          data-testid="close-outcome"
          required
          value={outcome}
          aria-invalid={missingOutcome ? 'true' : undefined}
          aria-describedby={missingOutcome ? 'close-outcome-error' : undefined}
          onChange={(event) => {
            setOutcome(event.currentTarget.value as CloseOutcome | '');
            setMissingOutcome(false);
          }}
        >
          <option value="">{t('console:close.chooseOutcome')}</option>
          {STAFF_CLOSE_OUTCOMES.map((id) => (
            <option key={id} value={id}>
              {t(`common:outcomes.${id}`)}
            </option>
          ))}
        </select>
        {missingOutcome && (
          <p id="close-outcome-error" class="field-error" role="alert">
            {t('console:close.outcomeRequired')}
          </p>
        )}
      </div>
      <button type="submit" class="danger" data-testid="close-button">
        {t('console:close.submit')}
      </button>
    </form>
  );
}
