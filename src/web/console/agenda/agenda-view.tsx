/**
 * The day's booked calls: time, language, kind, topic and how it stands (booked, visitor waiting,
 * in progress, done, missed, cancelled). Refreshed every half minute and whenever the desk's
 * conversations change (a booked visitor joining arrives as a conversation event). "Start" takes
 * the waiting visitor's conversation, like taking it from the queue, and opens it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgendaEntry, AgendaResponse, ConversationSummary } from '../../../shared/protocol';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { errorText } from '../../common/error-text';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { TableScroll } from '../../staff-common/table-scroll';
import { fetchAgenda, shiftDay } from './api';
import './agenda.css';

const REFRESH_MS = 30_000;

export interface AgendaViewProps {
  /** Changes whenever the desk's conversations change, to load the agenda again at once. */
  liveKey: string;
  /** Ids of the conversations this consultant already has. */
  ownConversationIds: ReadonlySet<string>;
  onStart: (conversationId: string) => void;
  onOpen: (conversationId: string) => void;
}

export function AgendaView({ liveKey, ownConversationIds, onStart, onOpen }: AgendaViewProps) {
  const t = useT();
  const language = useLanguage();
  const [date, setDate] = useState<string | undefined>(undefined);
  const [agenda, setAgenda] = useState<AgendaResponse | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Only a day the person picked is their doing; a reload after a pushed change is the page's.
  const loadedDate = useRef<string | undefined | null>(null);

  useEffect(() => {
    let current = true;
    const load = ({ background = false } = {}) =>
      fetchAgenda(date, { background }).then(
        (loaded) => current && (setAgenda(loaded), setFailure(null)),
        (error: unknown) => current && setFailure(errorCodeOf(error)),
      );
    void load({ background: loadedDate.current === date });
    loadedDate.current = date;
    const timer = setInterval(() => void load({ background: true }), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [date, liveKey]);

  /** To another day (YYYY-MM-DD; the office's today when undefined); the heading says which. */
  const show = (day: string | undefined, focusHeading = true) => {
    setDate(day);
    if (focusHeading) headingRef.current?.focus();
  };

  const dayLabel = agenda
    ? new Intl.DateTimeFormat(language, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(`${agenda.date}T12:00:00Z`),
      )
    : '';

  return (
    <main id="agenda" class="agenda" data-testid="agenda">
      <h2 id="agenda-heading" ref={headingRef} tabIndex={-1} data-testid="agenda-heading">
        {agenda ? t('console:agenda.heading', { date: dayLabel }) : t('console:agenda.title')}
      </h2>
      {agenda && (
        <div class="agenda-nav">
          <button type="button" class="secondary" data-testid="agenda-previous" onClick={() => show(shiftDay(agenda.date, -1))}>
            {t('console:agenda.previous')}
          </button>
          <button type="button" class="secondary" aria-pressed={agenda.date === agenda.today} data-testid="agenda-today" onClick={() => show(undefined)}>
            {t('console:agenda.today')}
          </button>
          <button
            type="button"
            class="secondary"
            aria-pressed={agenda.date === shiftDay(agenda.today, 1)}
            data-testid="agenda-tomorrow"
            onClick={() => show(shiftDay(agenda.today, 1))}
          >
            {t('console:agenda.tomorrow')}
          </button>
          <button type="button" class="secondary" data-testid="agenda-next" onClick={() => show(shiftDay(agenda.date, 1))}>
            {t('console:agenda.next')}
          </button>
          <div class="agenda-pick">
            <label for="agenda-date">{t('console:agenda.pick')}</label>
            {/* Fires for every whole date typed, so the focus stays here instead of jumping to the heading. */}
            <input
              id="agenda-date"
              type="date"
              data-testid="agenda-date"
              value={date ?? agenda.date}
              onChange={(event) => event.currentTarget.value && show(event.currentTarget.value, false)}
            />
          </div>
        </div>
      )}
      {failure && (
        <p class="notice" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      {!agenda ? (
        !failure && <p role="status">{t('console:agenda.loading')}</p>
      ) : agenda.entries.length === 0 ? (
        <p class="empty" data-testid="agenda-empty">
          {t('console:agenda.empty')}
        </p>
      ) : (
        <TableScroll labelledBy="agenda-heading">
          <table class="agenda-table" data-testid="agenda-table">
            <caption class="visually-hidden">{t('console:agenda.heading', { date: dayLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console:agenda.columns.time')}</th>
                <th scope="col">{t('console:agenda.columns.language')}</th>
                <th scope="col">{t('console:agenda.columns.kind')}</th>
                <th scope="col">{t('console:agenda.columns.topic')}</th>
                <th scope="col">{t('console:agenda.columns.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('console:agenda.columns.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agenda.entries.map((entry) => (
                <AgendaRow key={entry.id} entry={entry} timeZone={agenda.timeZone} own={entry.conversationId !== null && ownConversationIds.has(entry.conversationId)} onStart={onStart} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </main>
  );
}

interface AgendaRowProps {
  entry: AgendaEntry;
  timeZone: string;
  own: boolean;
  onStart: (conversationId: string) => void;
  onOpen: (conversationId: string) => void;
}

function AgendaRow({ entry, timeZone, own, onStart, onOpen }: AgendaRowProps) {
  const t = useT();
  const language = useLanguage();
  const clock = (iso: string) => new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const time = `${clock(entry.startsAt)}–${clock(entry.endsAt)}`;
  const conversationId = entry.conversationId;
  return (
    <tr data-testid="agenda-entry" data-status={entry.status}>
      <td>
        <time dateTime={entry.startsAt}>{time}</time>
      </td>
      <td>{languageName(entry.language, language)}</td>
      <td>{t(`console:agenda.kinds.${entry.callKind}`)}</td>
      <td>{topicName(t, entry.topic, language)}</td>
      <td class={`agenda-status agenda-status--${entry.status}`} data-testid="agenda-status">
        {t(`console:agenda.status.${entry.status}`)}
      </td>
      <td>
        {conversationId && entry.status === 'waiting' && (
          <button type="button" data-testid="agenda-start" onClick={() => onStart(conversationId)}>
            {t('console:agenda.start')}
            <span class="visually-hidden"> {t('console:agenda.actionContext', { time })}</span>
          </button>
        )}
        {conversationId && entry.status === 'in_progress' && own && (
          <button type="button" class="secondary" data-testid="agenda-open" onClick={() => onOpen(conversationId)}>
            {t('console:agenda.open')}
            <span class="visually-hidden"> {t('console:agenda.actionContext', { time })}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** Changes whenever a conversation of the desk changes status (a booked visitor joins, a call is taken or ends). */
export function agendaLiveKey(conversations: Record<string, ConversationSummary>): string {
  return Object.values(conversations)
    .map((conversation) => `${conversation.id}:${conversation.status}`)
    .sort()
    .join(',');
}
