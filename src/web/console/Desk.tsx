import { useEffect, useState } from 'preact/hooks';
import { type DeskInfo, type StaffUser, deskInfoSchema } from '../../shared/protocol';
import { requestJson } from '../common/api';
import type { ConnectionState } from '../common/connection';
import { useLanguage, useT } from '../common/i18n';
import { ConversationView } from './ConversationView';
import { type Arrival, type DeskNotice, myConversations, waitingQueue } from './desk-state';
import { Header } from './Header';
import { languageName } from './labels';
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
  const deskInfo = useDeskInfo();
  const [soundOn, setSoundOn] = useSoundPreference();
  const queue = waitingQueue(state);
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;

  useEffect(() => {
    if (state.arrival && soundOn) playNewConversationBeep();
  }, [state.arrival?.serial]);

  return (
    <>
      <Header user={state.me ?? user} onSignOut={onSignOut} waitingCount={queue.length}>
        <ConnectionStatus state={connectionState} />
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
        <div class="desk-lists">
          <WaitingQueue conversations={queue} takingIds={state.takingIds} onTake={actions.take} />
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
        <ArrivalAnnouncer arrival={state.arrival} />
      </main>
    </>
  );
}

/** The desk's topics and message limit; the console works without them, with fewer choices. */
function useDeskInfo(): DeskInfo | null {
  const [deskInfo, setDeskInfo] = useState<DeskInfo | null>(null);
  useEffect(() => {
    requestJson('/api/desk', deskInfoSchema).then(setDeskInfo, (error: unknown) =>
      console.warn('Desk information unavailable', error),
    );
  }, []);
  return deskInfo;
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

function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <p class={`connection connection-${state}`} data-testid="connection-state" data-state={state} role="status">
      <span class="connection-icon" aria-hidden="true" />
      {t(`console:connection.${state}`)}
    </p>
  );
}

function Notice({ notice, onDismiss }: { notice: DeskNotice; onDismiss: () => void }) {
  const t = useT();
  return (
    <div class="notice" role="alert" data-testid="console-error">
      <p>{t(`common:errors.${notice.code}`)}</p>
      <button type="button" class="secondary" onClick={onDismiss}>
        {t('console:notice.dismiss')}
      </button>
    </div>
  );
}

/** Tells screen-reader users about each new waiting conversation, politely and once. */
function ArrivalAnnouncer({ arrival }: { arrival: Arrival | null }) {
  const t = useT();
  const language = useLanguage();
  const [text, setText] = useState('');
  useEffect(() => {
    if (!arrival) return;
    const { conversation } = arrival;
    const topic = t(`common:topics.${conversation.topic}`);
    setText(t('console:queue.arrival', { language: languageName(conversation.language, language), topic }));
  }, [arrival?.serial]);
  return (
    <p class="visually-hidden" aria-live="polite">
      {text}
    </p>
  );
}
