import { useEffect, useRef, useState } from 'preact/hooks';
import { type ConversationSummary, type DeskInfo, type StaffUser, DESK_ROUTES } from '../../shared/protocol';
import { Announcer } from '../common/announcer';
import { api, type SessionEnd } from '../common/api';
import { ConnectionIndicator } from '../common/connection-indicator';
import { messageText } from '../common/attachments/message-text';
import { errorText } from '../common/error-text';
import { languageName } from '../common/format';
import { type Translate, useLanguage, useT } from '../common/i18n';
import { rememberTopicNames, topicName } from '../common/topic-name';
import { ConversationView } from './conversation-view';
import { type Arrival, type CallRequestArrival, type DeskNotice, type Incoming, type PresenceChange, myConversations, waitingQueue } from './desk-state';
import { CallRequestBanners } from './call-request-banner';
import { tellInBackground } from '../common/attention';
import { NotifyToggle } from '../common/notify-toggle';
import { ClosingBanner } from './closing-banner';
import { closingOfferActive } from './closing';
import { Header } from './header';
import { visitorLabel } from './labels';
import { AgendaView, agendaLiveKey } from './agenda/agenda-view';
import { AvailabilitySwitch, Colleagues, OfferAnnouncer, useRouting } from './availability/routing-panels';
import { withOffers } from './availability/routing-state';
import { InboxView } from './inbox/inbox-view';
import { type ConsoleView, ViewTabs } from './nav/view-tabs';
import {
  loadSoundPreference,
  playNewConversationBeep,
  prepareSound,
  saveSoundPreference,
} from './new-conversation-alert';
import { MyConversations, WaitingQueue } from './queue';
import { ShortcutHelp } from './shortcuts/shortcut-help';
import { useDeskShortcuts } from './shortcuts/use-desk-shortcuts';
import { useDesk } from './use-desk';
import { CallDock } from '../common/call/launcher';
import { canSupervise } from './supervisor/roles';
import { SupervisorView } from './supervisor/supervisor-view';
import { HandedOff } from './transfer/handed-off';

interface DeskProps {
  user: StaffUser;
  onSignOut: () => void;
  onSessionEnded: (end: SessionEnd) => void;
}

export function Desk({ user, onSignOut, onSessionEnded }: DeskProps) {
  const t = useT();
  const { state, connectionState, pending, actions, calls } = useDesk(onSessionEnded);
  const routing = useRouting(actions.listen);
  const [deskInfo, checkedAt] = useDeskInfo();
  const [soundOn, setSoundOn] = useSoundPreference();
  const queue = waitingQueue(state);
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;
  const queueHeadingRef = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<ConsoleView>('conversations');
  const me = state.me ?? user;
  /** What to say where a conversation was, once it has been transferred or left. */
  const [handedOff, setHandedOff] = useState<string | null>(null);
  useEffect(() => {
    if (state.selectedId) setHandedOff(null);
  }, [state.selectedId]);
  const openConversation = (conversationId: string) => {
    actions.select(conversationId);
    setView('conversations');
  };
  const shortcuts = useDeskShortcuts({
    enabled: view === 'conversations',
    offered: routing.offers.map((offer) => offer.conversation.id),
    waiting: queue,
    mine: myConversations(state),
    selectedId: state.selectedId,
    take: actions.take,
    select: actions.select,
  });

  useEffect(() => {
    if (state.arrival && soundOn) playNewConversationBeep();
  }, [state.arrival?.serial]);
  useEffect(() => {
    if (!state.callRequest) return;
    if (soundOn) playNewConversationBeep();
    const name = visitorNameIn(t, state.conversations[state.callRequest.conversationId]);
    tellInBackground('console', t('console:callRequest.asks', { name }), t('console:attention.open'));
  }, [state.callRequest?.serial]);

  // An offer or a visitor's message while the console is in the background, so an offer does not time out unseen.
  useEffect(() => {
    if (routing.latestOffer) tellInBackground('console', t('console:attention.offer'), t('console:attention.open'));
  }, [routing.latestOffer]);
  useEffect(() => {
    if (state.incoming) tellInBackground('console', t('console:attention.message'), t('console:attention.open'));
  }, [state.incoming]);

  // A failed take removes the button that was pressed: focus goes to the queue, not to <body>.
  useEffect(() => {
    if (state.notice?.code === 'already_taken') queueHeadingRef.current?.focus();
  }, [state.notice]);

  return (
    <>
      <Header
        user={state.me ?? user}
        onSignOut={onSignOut}
        waitingCount={queue.length}
        menu={
          <>
            <label class="check">
              <input
                type="checkbox"
                data-testid="sound-toggle"
                checked={soundOn}
                onChange={(event) => setSoundOn(event.currentTarget.checked)}
              />
              {t('console:header.sound')}
            </label>
            <NotifyToggle app="console" className="check notify-toggle" label={t('console:attention.toggle')} blockedText={t('console:attention.blocked')} />
            <button type="button" class="secondary" aria-keyshortcuts="Shift+? Alt+H" data-testid="shortcuts-button" onClick={shortcuts.openHelp}>
              {t('console:shortcuts.open')}
            </button>
          </>
        }
      >
        <ViewTabs view={view} onChange={setView} supervision={canSupervise(me)} />
        <AvailabilitySwitch availability={routing.availability} send={actions.sendRouting} />
        <ConnectionIndicator state={connectionState} text={t(`console:connection.${connectionState}`)} />
      </Header>
      {shortcuts.helpOpen && <ShortcutHelp onClose={shortcuts.closeHelp} />}
      {/* Hidden, not unmounted: the conversations stay live while the inbox is open. */}
      <main id="main" class="desk" hidden={view !== 'conversations'}>
        <ClosingBanner schedule={deskInfo?.schedule} now={checkedAt} />
        <div class="desk-lists">
          {/* Beside the conversation, not above it: the chat keeps its height during a call. */}
          <CallDock channel={calls} self={state.me?.id ?? null} settings={deskInfo?.calls} mayStart visitorName={t('common:call.who.visitor')} />
          <OfferAnnouncer latestOffer={routing.latestOffer} />
          <WaitingQueue
            entries={withOffers(queue, routing.offers)}
            presence={state.presence}
            takingIds={state.takingIds}
            onTake={actions.take}
            onDecline={(conversationId) => actions.sendRouting({ type: 'routing.decline', conversationId })}
            headingRef={queueHeadingRef}
            closingOffered={closingOfferActive(deskInfo?.schedule, checkedAt)}
          />
          <MyConversations
            conversations={myConversations(state)}
            selectedId={state.selectedId}
            unread={state.unread}
            onSelect={actions.select}
          />
          <Colleagues colleagues={routing.colleagues} />
        </div>
        <div class="desk-conversation">
          <CallRequestBanners
            conversations={myConversations(state)}
            messages={state.messages}
            onSelect={actions.select}
            onNotNow={(conversationId) => calls.send({ type: 'call.request.decline', conversationId })}
          />
          {state.notice && <Notice notice={state.notice} onDismiss={actions.dismissNotice} />}
          {selected ? (
            <ConversationView
              key={selected.id}
              conversation={selected}
              presence={state.presence[selected.id]}
              messages={state.messages[selected.id] ?? []}
              outgoing={pending(selected.id)}
              topics={deskInfo?.topics ?? []}
              maxMessageLength={deskInfo?.maxMessageLength}
              fileLimits={deskInfo?.files}
              schedule={deskInfo?.schedule}
              shown={view === 'conversations'}
              actions={actions}
              editsSharedAnswers={me.role === 'admin'}
              handOn={{ myId: me.id, languages: deskInfo?.languages ?? [], topics: deskInfo?.topics ?? [], onHandedOff: setHandedOff }}
            />
          ) : handedOff ? (
            <HandedOff text={handedOff} />
          ) : (
            <p class="placeholder">{t('console:conversation.none')}</p>
          )}
        </div>
      </main>
      {view === 'inbox' && <InboxView />}
      {view === 'supervision' && <SupervisorView me={me} listen={actions.listen} onOpen={openConversation} />}
      {view === 'agenda' && (
        <AgendaView
          liveKey={agendaLiveKey(state.conversations)}
          ownConversationIds={new Set(myConversations(state).map((conversation) => conversation.id))}
          onStart={(conversationId) => {
            actions.take(conversationId);
            setView('conversations');
          }}
          onOpen={(conversationId) => {
            actions.select(conversationId);
            setView('conversations');
          }}
        />
      )}
      <DeskAnnouncer
        arrival={state.arrival}
        handover={state.handover}
        incoming={state.incoming}
        callRequest={state.callRequest}
        presenceChange={state.presenceChange?.conversationId === state.selectedId ? state.presenceChange : null}
        conversations={state.conversations}
      />
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
      api(DESK_ROUTES.info).then(
        (info) => {
          rememberTopicNames(info.topicNames);
          setDeskInfo({ info, at: Date.now() });
        },
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

/** The visitor's name (or "anonymous") in a conversation this tab holds, else just "the visitor". */
function visitorNameIn(t: Translate, conversation: ConversationSummary | undefined): string {
  return conversation ? visitorLabel(conversation, t('console:queue.anonymous')) : t('common:author.visitor');
}

interface DeskAnnouncerProps {
  arrival: Arrival | null;
  handover: Arrival | null;
  incoming: Incoming | null;
  callRequest: CallRequestArrival | null;
  /** Only of the conversation on screen: the queue's would talk all the time. */
  presenceChange: PresenceChange | null;
  conversations: Record<string, ConversationSummary>;
}

/**
 * Tells screen-reader users, politely and once each, about a new waiting conversation, one handed
 * to them by a colleague, a new message from a visitor, a visitor's request for a call, and the visitor on screen coming, looking
 * away or leaving. Histories loaded on a take or a sync are not read out.
 */
function DeskAnnouncer({ arrival, handover, incoming, callRequest, presenceChange, conversations }: DeskAnnouncerProps) {
  const t = useT();
  const language = useLanguage();
  const [said, setSaid] = useState<{ id: string; text: string } | null>(null);
  useEffect(() => {
    if (!arrival) return;
    const { conversation } = arrival;
    const topic = topicName(t, conversation.topic, language);
    const text = t('console:queue.arrival', { language: languageName(conversation.language, language), topic });
    setSaid({ id: `arrival-${arrival.serial}`, text });
  }, [arrival?.serial]);
  useEffect(() => {
    if (!handover) return;
    const name = visitorLabel(handover.conversation, t('console:queue.anonymous'));
    setSaid({ id: `handover-${handover.serial}`, text: t('console:transfer.received', { name }) });
  }, [handover?.serial]);
  useEffect(() => {
    if (!incoming) return;
    const { conversationId, message } = incoming;
    const name = message.authorName || conversations[conversationId]?.visitorName || t('common:author.visitor');
    setSaid({
      id: `${conversationId}-${message.seq}`,
      text: t('console:conversation.newMessage', { name, text: messageText(t, message) }),
    });
  }, [incoming]);
  useEffect(() => {
    if (!callRequest) return;
    const name = visitorNameIn(t, conversations[callRequest.conversationId]);
    setSaid({ id: `call-request-${callRequest.serial}`, text: t('console:callRequest.asks', { name }) });
  }, [callRequest?.serial]);
  useEffect(() => {
    if (!presenceChange) return;
    const { conversationId, presence, serial } = presenceChange;
    const name = visitorNameIn(t, conversations[conversationId]);
    setSaid({ id: `presence-${serial}`, text: t('console:presence.changed', { name, presence: t(`console:presence.${presence}`) }) });
  }, [presenceChange?.serial]);
  return <Announcer id={said?.id ?? null} text={said?.text ?? ''} />;
}
