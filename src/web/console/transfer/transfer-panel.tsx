/**
 * Handing a conversation on: to a colleague, with a note only they will see, or back to the queue
 * (in another language if the visitor needs one). The visitor is told by the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import { TRANSFER_NOTE_MAX_CHARS, type Colleague, type ConversationSummary } from '../../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { fetchColleagues, returnToQueue, transferToColleague } from './api';
import './transfer.css';

interface TransferPanelProps {
  conversation: ConversationSummary;
  myId: string;
  languages: readonly UiLanguage[];
  topics: readonly string[];
  /** Called once the conversation is no longer this consultant's, with what to tell them. */
  onHandedOff: (text: string) => void;
}

export function TransferPanel(props: TransferPanelProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // The form that had focus is gone: back to the button that opened it.
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  return (
    <section class="panel transfer-panel" aria-labelledby="transfer-heading" data-testid="transfer-panel">
      <h3 id="transfer-heading">{t('console:transfer.heading')}</h3>
      {open ? (
        <TransferForm {...props} onCancel={close} />
      ) : (
        <button type="button" class="secondary" ref={openerRef} data-testid="transfer-open" onClick={() => setOpen(true)}>
          {t('console:transfer.open')}
        </button>
      )}
    </section>
  );
}

type Destination = 'colleague' | 'queue';

function TransferForm({ conversation, myId, languages, topics, onHandedOff, onCancel }: TransferPanelProps & { onCancel: () => void }) {
  const t = useT();
  const language = useLanguage();
  const colleagues = useColleagues(myId);
  const [destination, setDestination] = useState<Destination>('colleague');
  const [colleagueId, setColleagueId] = useState('');
  const [note, setNote] = useState('');
  const [queueLanguage, setQueueLanguage] = useState<UiLanguage>(conversation.language);
  const [queueTopic, setQueueTopic] = useState(conversation.topic);
  // The visitor's topic is offered even if the desk no longer lists it.
  const topicChoices = topics.includes(conversation.topic) ? topics : [conversation.topic, ...topics];
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | 'choose_colleague' | null>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => firstFieldRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const colleague = colleagues.list.find((candidate) => candidate.id === colleagueId);
    if (destination === 'colleague' && !colleague) {
      setFailure('choose_colleague');
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      if (colleague) {
        await transferToColleague(conversation.id, colleague.id, note);
        onHandedOff(t('console:transfer.done', { name: colleague.name }));
      } else {
        await returnToQueue(conversation.id, { language: queueLanguage, topic: queueTopic });
        onHandedOff(
          t('console:transfer.doneQueue', { language: languageName(queueLanguage, language), topic: topicName(t, queueTopic, language) }),
        );
      }
    } catch (error) {
      setFailure(errorCodeOf(error));
      setSending(false);
    }
  };

  return (
    <form class="transfer-form" onSubmit={submit} noValidate data-testid="transfer-form">
      <fieldset>
        <legend>{t('console:transfer.destination')}</legend>
        <label class="check">
          <input
            type="radio"
            name="transfer-destination"
            ref={firstFieldRef}
            checked={destination === 'colleague'}
            data-testid="transfer-to-colleague"
            onChange={() => setDestination('colleague')}
          />
          {t('console:transfer.toColleague')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="transfer-destination"
            checked={destination === 'queue'}
            data-testid="transfer-to-queue"
            onChange={() => setDestination('queue')}
          />
          {t('console:transfer.toQueue')}
        </label>
      </fieldset>
      {destination === 'colleague' ? (
        <>
          <label for="transfer-colleague">{t('console:transfer.colleague')}</label>
          <select
            id="transfer-colleague"
            data-testid="transfer-colleague"
            value={colleagueId}
            aria-invalid={failure === 'choose_colleague'}
            aria-describedby={failure ? 'transfer-error' : undefined}
            onChange={(event) => setColleagueId(event.currentTarget.value)}
          >
            <option value="">{colleagues.loading ? t('console:transfer.loading') : t('console:transfer.chooseColleague')}</option>
            {colleagues.list.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleagueLabel(t, colleague)}
              </option>
            ))}
          </select>
          {colleagues.error && (
            <p class="field-error" role="alert">
              {errorText(t, colleagues.error)}
            </p>
          )}
          <label for="transfer-note">{t('console:transfer.note')}</label>
          <p class="hint" id="transfer-note-hint">
            {t('console:transfer.noteHint')}
          </p>
          <textarea
            id="transfer-note"
            data-testid="transfer-note"
            rows={3}
            maxLength={TRANSFER_NOTE_MAX_CHARS}
            aria-describedby="transfer-note-hint"
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        </>
      ) : (
        <>
          <label for="transfer-language">{t('console:transfer.queueLanguage')}</label>
          <select
            id="transfer-language"
            data-testid="transfer-language"
            value={queueLanguage}
            onChange={(event) => setQueueLanguage(event.currentTarget.value as UiLanguage)}
          >
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, language)}
              </option>
            ))}
          </select>
          <label for="transfer-topic">{t('console:transfer.queueTopic')}</label>
          <select id="transfer-topic" data-testid="transfer-topic" value={queueTopic} onChange={(event) => setQueueTopic(event.currentTarget.value)}>
            {topicChoices.map((id) => (
              <option key={id} value={id}>
                {topicName(t, id, language)}
              </option>
            ))}
          </select>
        </>
      )}
      {failure && (
        <p class="field-error" id="transfer-error" role="alert">
          {failure === 'choose_colleague' ? t('console:transfer.chooseColleagueError') : errorText(t, failure)}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" data-testid="transfer-submit" disabled={sending}>
          {sending ? t('console:transfer.sending') : t('console:transfer.submit')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('console:transfer.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "Bartek — available, 1 of 3 conversations, Polish, English" */
export function colleagueLabel(t: ReturnType<typeof useT>, colleague: Colleague): string {
  return t('console:transfer.colleagueOption', {
    name: colleague.name,
    availability: t(`console:supervisor.availability.${colleague.availability}`),
    load: colleague.load,
    max: colleague.maxConcurrent,
    languages: colleague.languages.map((code) => code.toUpperCase()).join(' '),
  });
}

interface ColleagueList {
  list: Colleague[];
  loading: boolean;
  error: ApiErrorCode | null;
}

/** Colleagues other than me, available ones first. */
function useColleagues(myId: string): ColleagueList {
  const [state, setState] = useState<ColleagueList>({ list: [], loading: true, error: null });
  useEffect(() => {
    let current = true;
    fetchColleagues().then(
      (colleagues) => {
        const others = colleagues.filter((colleague) => colleague.id !== myId);
        others.sort((a, b) => Number(b.availability === 'available') - Number(a.availability === 'available'));
        if (current) setState({ list: others, loading: false, error: null });
      },
      (error: unknown) => current && setState({ list: [], loading: false, error: errorCodeOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [myId]);
  return state;
}
