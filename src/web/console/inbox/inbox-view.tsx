/**
 * The inbox of messages visitors left while the desk was closed: a list filtered by status, and
 * the chosen message with its whole thread (the visitor's replies to answers, further answers)
 * and its answer form. An answer is e-mailed by the server in the visitor's language and shown on
 * their private page; a visitor's reply makes the message new again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LEFT_MESSAGE_STATUSES, type LeftMessageStatus, type StaffLeftMessage } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { FileList } from '../../common/attachments/download-button';
import { errorText } from '../../common/error-text';
import { formatTimeOrDate, languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { answerLeftMessage, closeLeftMessage, fetchInbox, inboxFileUrl } from './api';
import { inboxChanged } from './new-count';
import './inbox.css';

type Filter = LeftMessageStatus | 'all';
const FILTERS: readonly Filter[] = [...LEFT_MESSAGE_STATUSES, 'all'];
const REFRESH_MS = 60_000;
/** Staff prove who they are with their session cookie. */
const NO_HEADERS: Record<string, string> = {};

export function InboxView() {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('new');
  const [messages, setMessages] = useState<StaffLeftMessage[] | null>(null);
  const [selected, setSelected] = useState<StaffLeftMessage | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [said, setSaid] = useState<{ id: number; text: string } | null>(null);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    // A slow answer for the previous filter must not overwrite the list of the current one.
    let current = true;
    const load = async ({ background = false } = {}) => {
      try {
        const list = await fetchInbox(filter === 'all' ? undefined : filter, { background });
        if (!current) return;
        setMessages(list);
        setFailure(null);
      } catch (error) {
        if (current) setFailure(errorCodeOf(error));
      }
    };
    void load();
    const timer = setInterval(() => void load({ background: true }), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [filter, loads]);

  const updated = (message: StaffLeftMessage, announcement: string) => {
    setSelected(message);
    setSaid({ id: Date.now(), text: announcement });
    setLoads((count) => count + 1);
    inboxChanged();
  };

  return (
    <main id="inbox" class="inbox" data-testid="inbox">
      <section class="panel inbox-list" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{t('console:inbox.heading')}</h2>
        <div class="field">
          <label for="inbox-filter">{t('console:inbox.filter')}</label>
          <select id="inbox-filter" data-testid="inbox-filter" value={filter} onChange={(event) => setFilter(event.currentTarget.value as Filter)}>
            {FILTERS.map((option) => (
              <option key={option} value={option}>
                {t(`console:inbox.filters.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {failure && (
          <p class="notice" role="alert">
            {errorText(t, failure)}
          </p>
        )}
        {messages === null ? (
          <p class="empty">{t('console:inbox.loading')}</p>
        ) : messages.length === 0 ? (
          <p class="empty">{t('console:inbox.empty')}</p>
        ) : (
          <ul class="conversation-list" data-testid="inbox-list">
            {messages.map((message) => (
              <InboxItem key={message.id} message={message} selected={selected?.id === message.id} onSelect={() => setSelected(message)} />
            ))}
          </ul>
        )}
      </section>
      <div class="inbox-detail">
        {selected ? <LeftMessageDetail key={selected.id} message={selected} onUpdated={updated} /> : <p class="placeholder">{t('console:inbox.none')}</p>}
      </div>
      <Announcer id={said?.id ?? null} text={said?.text ?? ''} />
    </main>
  );
}

function InboxItem({ message, selected, onSelect }: { message: StaffLeftMessage; selected: boolean; onSelect: () => void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <li>
      <button type="button" class="conversation-card conversation-button" aria-current={selected} data-testid="inbox-item" data-reference={message.reference} onClick={onSelect}>
        <span class="visitor-name">{message.reference}</span>
        <span class="facts-line">
          {topicName(t, message.topic, language)} · {languageName(message.language, language)} · {t(`console:inbox.statuses.${message.status}`)} ·{' '}
          {message.status === 'new' && message.answer !== null && <>{t('console:inbox.followUp')} · </>}
          <time dateTime={message.createdAt}>{formatTimeOrDate(message.createdAt, language)}</time>
        </span>
      </button>
    </li>
  );
}

interface DetailProps {
  message: StaffLeftMessage;
  onUpdated: (message: StaffLeftMessage, announcement: string) => void;
}

function LeftMessageDetail({ message, onUpdated }: DetailProps) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<'answer' | 'close' | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const when = (iso: string) => formatTimeOrDate(iso, language);

  const run = async (kind: 'answer' | 'close', action: () => Promise<StaffLeftMessage>, announcement: string) => {
    setBusy(kind);
    setFailure(null);
    try {
      onUpdated(await action(), announcement);
      // The form or button just used is gone: focus goes back to the message's heading.
      headingRef.current?.focus();
    } catch (error) {
      setFailure(errorCodeOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <article class="panel left-message" data-testid="inbox-detail" data-status={message.status} aria-labelledby="left-message-heading">
      <h2 id="left-message-heading" ref={headingRef} tabIndex={-1}>
        {message.reference}
      </h2>
      <dl class="facts">
        <Fact label={t('console:inbox.status')} value={t(`console:inbox.statuses.${message.status}`)} />
        <Fact label={t('console:inbox.received')} value={when(message.createdAt)} />
        <Fact label={t('console:inbox.language')} value={languageName(message.language, language)} />
        <Fact label={t('console:inbox.topic')} value={topicName(t, message.topic, language)} />
        <Fact label={t('console:inbox.email')} value={message.answerByEmail ? (message.email ?? '') : t('console:inbox.privatePageOnly')} />
      </dl>
      <h3>{t('console:inbox.message')}</h3>
      <p class="left-message-text" lang={message.language} data-testid="inbox-body">
        {message.body}
      </p>
      <FileList files={message.files} fileUrl={(fileId) => inboxFileUrl(message.id, fileId)} headers={NO_HEADERS} />
      {message.answer !== null && (
        <>
          <h3>{t('console:inbox.answer')}</h3>
          {message.answeredAt && (
            <p class="hint">{t('console:inbox.answered', { name: message.answeredBy?.name ?? '', time: when(message.answeredAt) })}</p>
          )}
          <p class="left-message-text" lang={message.language} data-testid="inbox-answer">
            {message.answer}
          </p>
        </>
      )}
      {message.replies.length > 0 && (
        <section aria-labelledby="inbox-thread-heading" data-testid="inbox-thread">
          <h3 id="inbox-thread-heading">{t('console:inbox.thread')}</h3>
          <ol class="left-message-thread">
            {message.replies.map((reply) => (
              <li key={reply.id} data-testid="inbox-reply" data-author={reply.author}>
                <p class="hint">
                  {reply.author === 'visitor'
                    ? t('console:inbox.visitorReply', { time: when(reply.createdAt) })
                    : t('console:inbox.staffReply', { name: reply.staff?.name ?? '', time: when(reply.createdAt) })}
                </p>
                <p class="left-message-text" lang={message.language}>
                  {reply.body}
                </p>
                <FileList files={reply.files} fileUrl={(fileId) => inboxFileUrl(message.id, fileId)} headers={NO_HEADERS} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {message.closedAt && <p class="hint">{t('console:inbox.closedAt', { time: when(message.closedAt) })}</p>}
      {failure && (
        <p class="notice" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      {message.status === 'new' && (
        <AnswerForm
          message={message}
          sending={busy === 'answer'}
          onSend={(answer) => run('answer', () => answerLeftMessage(message.id, answer), t(message.answerByEmail ? 'console:inbox.sent' : 'console:inbox.sentNoEmail', { reference: message.reference }))}
        />
      )}
      {message.status !== 'closed' && (
        <button
          type="button"
          class="secondary"
          data-testid="inbox-close"
          disabled={busy !== null}
          onClick={() => run('close', () => closeLeftMessage(message.id), t('console:inbox.closedNotice', { reference: message.reference }))}
        >
          {busy === 'close' ? t('console:inbox.closing') : t('console:inbox.close')}
        </button>
      )}
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function AnswerForm({ message, sending, onSend }: { message: StaffLeftMessage; sending: boolean; onSend: (answer: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const answer = text.trim();
    setMissing(!answer);
    if (!answer) return textRef.current?.focus();
    onSend(answer);
  };
  return (
    <form class="answer-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="inbox-answer-text">{t('console:inbox.answer')}</label>
        <p id="inbox-answer-hint" class="hint" data-testid="inbox-answer-hint">
          {t(message.answerByEmail ? 'console:inbox.answerHint' : 'console:inbox.answerHintNoEmail', { language: languageName(message.language, language) })}
        </p>
        <textarea
          id="inbox-answer-text"
          ref={textRef}
          data-testid="inbox-answer-text"
          rows={8}
          lang={message.language}
          value={text}
          aria-invalid={missing}
          aria-describedby={missing ? 'inbox-answer-hint inbox-answer-error' : 'inbox-answer-hint'}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {missing && (
          <p id="inbox-answer-error" class="field-error">
            {t('console:inbox.answerRequired')}
          </p>
        )}
      </div>
      <button type="submit" data-testid="inbox-send" disabled={sending}>
        {sending ? t('console:inbox.sending') : t('console:inbox.send')}
      </button>
    </form>
  );
}
