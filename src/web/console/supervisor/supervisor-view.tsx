/**
 * The supervisor's view of the desk: who waits and how long, who handles what (and who joined
 * them), each colleague's availability and load; from here a supervisor joins a conversation,
 * reassigns it to another consultant, or takes it over. Kept current from the desk's socket.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Colleague, ConversationSummary, ServerFrame, StaffUser, SupervisorOverview } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { follows, waitingStart } from '../desk-state';
import { visitorLabel } from '../labels';
import { useNow } from '../queue';
import { minutesSince, waitingLabel } from '../waiting-time';
import { joinAsSupervisor, reassign, takeOver, fetchOverview } from './api';
import { BlocksPanel } from './blocks-panel';
import { LiveFiguresPanel } from './live-figures';
import { TableScroll } from '../../staff-common/table-scroll';
import './supervisor.css';
import { conversationLanguage } from '../conversation-language';

interface SupervisorViewProps {
  me: StaffUser;
  listen: (listener: (frame: ServerFrame) => void) => () => void;
  /** Shows the conversation in the conversations view (after a join or a take-over). */
  onOpen: (conversationId: string) => void;
}

export function SupervisorView({ me, listen, onOpen }: SupervisorViewProps) {
  const t = useT();
  const overview = useOverview(listen);
  const [said, setSaid] = useState<{ id: number; text: string } | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const conversations = overview.data?.conversations ?? [];
  const waiting = conversations
    .filter((conversation) => conversation.status === 'waiting')
    .sort((a, b) => Date.parse(waitingStart(a)) - Date.parse(waitingStart(b)));
  const live = conversations.filter((conversation) => conversation.status === 'active');
  const staff = overview.data?.staff ?? [];

  /** Runs an action on a conversation; announces `done` and reloads, or shows why it failed. */
  const act = async (action: () => Promise<unknown>, done: string, open?: string) => {
    setFailure(null);
    try {
      await action();
      setSaid({ id: Date.now(), text: done });
      overview.reload();
      if (open) onOpen(open);
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
  };

  return (
    <main id="main" class="supervisor" aria-labelledby="supervisor-heading" data-testid="supervisor-view">
      <h2 id="supervisor-heading">{t('console:supervisor.heading')}</h2>
      {(failure ?? overview.error) && (
        <p class="field-error" role="alert" data-testid="supervisor-error">
          {errorText(t, (failure ?? overview.error)!)}
        </p>
      )}
      <LiveFiguresPanel refresh={overview.data} />
      <section class="panel" aria-labelledby="supervisor-queue-heading">
        <h3 id="supervisor-queue-heading">
          {t('console:supervisor.queue')} <span class="badge">{waiting.length}</span>
        </h3>
        {waiting.length === 0 ? (
          <p class="empty">{t('console:queue.empty')}</p>
        ) : (
          <TableScroll labelledBy="supervisor-queue-heading">
            <QueueTable conversations={waiting} />
          </TableScroll>
        )}
      </section>
      <section class="panel" aria-labelledby="supervisor-live-heading">
        <h3 id="supervisor-live-heading">
          {t('console:supervisor.live')} <span class="badge">{live.length}</span>
        </h3>
        {live.length === 0 ? (
          <p class="empty">{t('console:supervisor.noLive')}</p>
        ) : (
          <TableScroll labelledBy="supervisor-live-heading">
            <table class="supervisor-table" data-testid="supervisor-live">
              <thead>
                <tr>
                  <th scope="col">{t('console:supervisor.visitor')}</th>
                  <th scope="col">{t('console:queue.language')}</th>
                  <th scope="col">{t('console:queue.topic')}</th>
                  <th scope="col">{t('console:supervisor.consultant')}</th>
                  <th scope="col">{t('console:supervisor.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {live.map((conversation) => (
                  <LiveRow key={conversation.id} conversation={conversation} me={me} staff={staff} act={act} onOpen={onOpen} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section class="panel" aria-labelledby="supervisor-staff-heading">
        <h3 id="supervisor-staff-heading">{t('console:supervisor.staff')}</h3>
        <TableScroll labelledBy="supervisor-staff-heading">
          <StaffTable staff={staff} />
        </TableScroll>
      </section>
      <BlocksPanel onLifted={(text) => setSaid({ id: Date.now(), text })} />
      <Announcer id={said?.id ?? null} text={said?.text ?? ''} />
    </main>
  );
}

function QueueTable({ conversations }: { conversations: ConversationSummary[] }) {
  const t = useT();
  const language = useLanguage();
  const now = useNow(15_000);
  return (
    <table class="supervisor-table" data-testid="supervisor-queue">
      <thead>
        <tr>
          <th scope="col">{t('console:supervisor.visitor')}</th>
          <th scope="col">{t('console:queue.language')}</th>
          <th scope="col">{t('console:queue.topic')}</th>
          <th scope="col">{t('console:queue.waiting')}</th>
        </tr>
      </thead>
      <tbody>
        {conversations.map((conversation) => {
          const waited = waitingLabel(minutesSince(waitingStart(conversation), now));
          return (
            <tr key={conversation.id} data-conversation-id={conversation.id}>
              <th scope="row">{visitorLabel(conversation, t('console:queue.anonymous'))}</th>
              <td>{conversationLanguage(t, conversation, language)}</td>
              <td>{topicName(t, conversation.topic, language)}</td>
              <td>
                <time dateTime={waitingStart(conversation)}>{t(`console:${waited.key}`, waited.values)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface LiveRowProps {
  conversation: ConversationSummary;
  me: StaffUser;
  staff: Colleague[];
  act: (action: () => Promise<unknown>, done: string, open?: string) => Promise<void>;
  onOpen: (conversationId: string) => void;
}

function LiveRow({ conversation, me, staff, act, onOpen }: LiveRowProps) {
  const t = useT();
  const language = useLanguage();
  const [target, setTarget] = useState('');
  const name = visitorLabel(conversation, t('console:queue.anonymous'));
  const assignee = conversation.assignee;
  const others = conversation.participants ?? [];
  const selectId = `reassign-${conversation.id}`;
  const candidates = staff.filter((colleague) => colleague.id !== assignee?.id);
  const chosen = candidates.find((colleague) => colleague.id === target);
  return (
    <tr data-conversation-id={conversation.id} data-testid="supervisor-live-row">
      <th scope="row">{name}</th>
      <td>{conversationLanguage(t, conversation, language)}</td>
      <td>{topicName(t, conversation.topic, language)}</td>
      <td>
        {assignee?.name}
        {others.length > 0 && (
          <span class="hint">
            {' '}
            {t('console:supervisor.with', { names: others.map((participant) => participant.name).join(', ') })}
          </span>
        )}
      </td>
      <td class="supervisor-actions">
        {follows(conversation, me.id) ? (
          <button type="button" class="secondary" data-testid="supervisor-open" onClick={() => onOpen(conversation.id)}>
            {t('console:supervisor.open')}
            <span class="visually-hidden"> {t('console:queue.takeContext', { name })}</span>
          </button>
        ) : (
          <button
            type="button"
            class="secondary"
            data-testid="supervisor-join"
            onClick={() => act(() => joinAsSupervisor(conversation.id), t('console:supervisor.joined', { name }), conversation.id)}
          >
            {t('console:supervisor.join')}
            <span class="visually-hidden"> {t('console:queue.takeContext', { name })}</span>
          </button>
        )}
        {assignee?.id !== me.id && (
          <button
            type="button"
            class="secondary"
            data-testid="supervisor-take-over"
            onClick={() => act(() => takeOver(conversation.id), t('console:supervisor.tookOver', { name }), conversation.id)}
          >
            {t('console:supervisor.takeOver')}
            <span class="visually-hidden"> {t('console:queue.takeContext', { name })}</span>
          </button>
        )}
        <form
          class="reassign-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) void act(() => reassign(conversation.id, chosen.id), t('console:supervisor.reassigned', { name, to: chosen.name }));
          }}
        >
          <label for={selectId} class="visually-hidden">
            {t('console:supervisor.reassignTo', { name })}
          </label>
          <select id={selectId} data-testid="supervisor-reassign-to" value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
            <option value="">{t('console:supervisor.reassignChoose')}</option>
            {candidates.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleague.name}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary" data-testid="supervisor-reassign" disabled={!chosen}>
            {t('console:supervisor.reassign')}
            <span class="visually-hidden"> {t('console:queue.takeContext', { name })}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}

function StaffTable({ staff }: { staff: Colleague[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <table class="supervisor-table" data-testid="supervisor-staff">
      <thead>
        <tr>
          <th scope="col">{t('console:supervisor.name')}</th>
          <th scope="col">{t('console:supervisor.availabilityHeading')}</th>
          <th scope="col">{t('console:supervisor.load')}</th>
          <th scope="col">{t('console:supervisor.languages')}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((colleague) => (
          <tr key={colleague.id} data-staff-id={colleague.id}>
            <th scope="row">{colleague.name}</th>
            <td>
              <span class={`availability availability--${colleague.availability}`}>
                {t(`console:supervisor.availability.${colleague.availability}`)}
              </span>
            </td>
            <td>{t('console:supervisor.loadValue', { load: colleague.load, max: colleague.maxConcurrent })}</td>
            <td>{colleague.languages.map((code) => languageName(code, language)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How often the view asks again even without a live change (availability set elsewhere). */
const REFRESH_MS = 30_000;
/** Changes that come together (a take updates one conversation twice) cause one reload. */
const RELOAD_DELAY_MS = 300;

function useOverview(listen: SupervisorViewProps['listen']) {
  const [data, setData] = useState<SupervisorOverview | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [version, setVersion] = useState(0);
  // Reloads after pushed changes and on the timer are the page's own, not its person's.
  const backgroundReload = useRef(false);
  const reload = ({ background = false } = {}) => {
    backgroundReload.current = background;
    setVersion((current) => current + 1);
  };

  useEffect(() => {
    let current = true;
    fetchOverview({ background: backgroundReload.current }).then(
      (overview) => {
        if (!current) return;
        setData(overview);
        setError(null);
      },
      (failure: unknown) => current && setError(errorCodeOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [version]);

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = listen((frame) => {
      if (frame.type !== 'conversation.updated' && frame.type !== 'staff.presence') return;
      clearTimeout(pending);
      pending = setTimeout(() => reload({ background: true }), RELOAD_DELAY_MS);
    });
    const timer = setInterval(() => reload({ background: true }), REFRESH_MS);
    return () => {
      stop();
      clearTimeout(pending);
      clearInterval(timer);
    };
  }, []);

  return { data, error, reload };
}
