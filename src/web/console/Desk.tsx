import { useEffect, useRef, useState } from 'preact/hooks';
import { type ConversationSummary, type DeskInfo, type StaffUser, deskInfoSchema } from '../../shared/protocol';
import { Announcer } from '../common/announcer';
import { requestJson } from '../common/api';
import { ConnectionIndicator } from '../common/connection-indicator';
import { errorText } from '../common/error-text';
import { languageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { ConversationView } from './ConversationView';
import { type Arrival, type DeskNotice, type Incoming, myConversations, waitingQueue } from './desk-state';
import { ClosingBanner } from './ClosingBanner';
import { Header } from './Header';
import {
  loadSoundPreference,
  playNewConversationBeep,
  prepareSound,
  saveSoundPreference,
} from './new-conversation-alert';
import { MyConversations, WaitingQueue } from './Queue';
import { useDesk } from './use-desk';

interface DeskProps {
  user: StaffUser;
  onSignOut: () => void;
  onSessionEnded: () => void;
}

export function Desk({ user, onSignOut, onSessionEnded }: DeskProps) {
  const t = useT();
  const { state, connectionState, pending, actions } = useDesk(onSessionEnded);
  const [deskInfo, checkedAt] = useDeskInfo();
  const [soundOn, setSoundOn] = useSoundPreference();
  const queue = waitingQueue(state);
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;
  const queueHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.arrival && soundOn) playNewConversationBeep();
  }, [state.arrival?.serial]);

  // A failed take removes the button that was pressed: focus goes to the queue, not to <body>.
  useEffect(() => {
    if (state.notice?.code === 'already_taken') queueHeadingRef.current?.focus();
  }, [state.notice]);

  return (
    <>
      <Header user={state.me ?? user} onSignOut={onSignOut} waitingCount={queue.length}>
        <ConnectionIndicator state={connectionState} text={t(`console:connection.${connectionState}`)} />
        <label class="check">
          <input
            type="checkbox"
            data-testid="sound-toggle"
            checked={soundOn}
            onChange={(event) => setSoundOn(event.currentTarget.checked)}
          />
          {t('console:header.sound')}
        </label>
      </Header>
      <main id="main" class="desk">
        <ClosingBanner schedule={deskInfo?.schedule} now={checkedAt} />
        <div class="desk-lists">
          <WaitingQueue
            conversations={queue}
            takingIds={state.takingIds}
            onTake={actions.take}
            headingRef={queueHeadingRef}
          />
          <MyConversations
            conversations={myConversations(state)}
            selectedId={state.selectedId}
            unread={state.unread}
            onSelect={actions.select}
          />
        </div>
        <div class="desk-conversation">
          {state.notice && <Notice notice={state.notice} onDismiss={actions.dismissNotice} />}
          {selected ? (
            <ConversationView
              key={selected.id}
              conversation={selected}
              messages={state.messages[selected.id] ?? []}
              outgoing={pending(selected.id)}
              topics={deskInfo?.topics ?? []}
              maxMessageLength={deskInfo?.maxMessageLength}
              actions={actions}
            />
          ) : (
            <p class="placeholder">{t('console:conversation.none')}</p>
          )}
        </div>
        <DeskAnnouncer arrival={state.arrival} incoming={state.incoming} conversations={state.conversations} />
      </main>
    </>
  );
}

/** How often the console looks at the schedule again, for the closing warning. */
const DESK_INFO_REFRESH_MS = 60_000;

/**
 * The desk's topics, message limit and schedule, refreshed every minute, with when it was last
 * checked; the console works without them, with fewer choices.
 */
function useDeskInfo(): [DeskInfo | null, number] {
  const [deskInfo, setDeskInfo] = useState<{ info: DeskInfo | null; at: number }>({ info: null, at: Date.now() });
  useEffect(() => {
    const load = () =>
      requestJson('/api/desk', deskInfoSchema).then(
        (info) => setDeskInfo({ info, at: Date.now() }),
        (error: unknown) => console.warn('Desk information unavailable', error),
      );
    void load();
    const timer = setInterval(load, DESK_INFO_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return [deskInfo.info, deskInfo.at];
}

function useSoundPreference(): [boolean, (enabled: boolean) => void] {
  const [soundOn, setSoundOn] = useState(loadSoundPreference);
  const change = (enabled: boolean) => {
    setSoundOn(enabled);
    saveSoundPreference(enabled);
    if (enabled) prepareSound();
  };
  return [soundOn, change];
}

function Notice({ notice, onDismiss }: { notice: DeskNotice; onDismiss: () => void }) {
  const t = useT();
  return (
    <div class="notice" role="alert" data-testid="console-error">
      <p>{errorText(t, notice.code)}</p>
      <button type="button" class="secondary" onClick={onDismiss}>
        {t('console:notice.dismiss')}
      </button>
    </div>
  );
}

interface DeskAnnouncerProps {
  arrival: Arrival | null;
  incoming: Incoming | null;
  conversations: Record<string, ConversationSummary>;
}

/**
 * Tells screen-reader users, politely and once each, about a new waiting conversation and a new
 * message from a visitor. Histories loaded on a take or a sync are not read out.
 */
function DeskAnnouncer({ arrival, incoming, conversations }: DeskAnnouncerProps) {
  const t = useT();
  const language = useLanguage();
  const [said, setSaid] = useState<{ id: string; text: string } | null>(null);
  useEffect(() => {
    if (!arrival) return;
    const { conversation } = arrival;
    const topic = t(`common:topics.${conversation.topic}`);
    const text = t('console:queue.arrival', { language: languageName(conversation.language, language), topic });
    setSaid({ id: `arrival-${arrival.serial}`, text });
  }, [arrival?.serial]);
  useEffect(() => {
    if (!incoming) return;
    const { conversationId, message } = incoming;
    const name = message.authorName || conversations[conversationId]?.visitorName || t('common:author.visitor');
    setSaid({
      id: `${conversationId}-${message.seq}`,
      text: t('console:conversation.newMessage', { name, text: message.body }),
    });
  }, [incoming]);
  return <Announcer id={said?.id ?? null} text={said?.text ?? ''} />;
}
