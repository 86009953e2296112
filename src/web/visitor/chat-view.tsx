import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../shared/errors';
import type { DeskInfo, LeaveMessageResponse, VisitorConversation } from '../../shared/protocol';
import { errorCodeOf, type ApiErrorCode } from '../common/api';
import { CallButtons, CallDock } from '../common/call/launcher';
import { pendingCallRequest } from '../common/call/request';
import { Composer } from '../common/composer';
import { tellInBackground } from '../common/attention';
import { ConnectionIndicator } from '../common/connection-indicator';
import { NotifyToggle } from '../common/notify-toggle';
import { AttachmentsProvider } from '../common/attachments/attachment';
import { FileAttach, PendingUploads, useConversationFiles } from '../common/attachments/conversation-files';
import { visitorFileEndpoints } from '../common/attachments/endpoints';
import { errorText } from '../common/error-text';
import { TypingIndicator, useTypingSender } from '../common/typing-indicator';
import { useLanguage, useT } from '../common/i18n';
import type { KeyValueStorage } from '../common/storage';
import { downloadTranscript, forgetConversation } from './api';
import { ChatSession, type ChatSnapshot } from './chat-session';
import { IncomingAnnouncer, MessageList } from './message-list';
import { ClosingOffer, LeftInstead, offeredAtClosing } from './closing/closing-offer';
import { Confirmation } from '../common/confirmation';
import { SatisfactionPrompt } from './satisfaction-prompt';
import { QueueStatusPanel } from './waiting/queue-status';
import { BidiText } from '../common/bidi-text';
import { ContinueElsewhere } from './handoff/continue-elsewhere';

export interface ChatViewProps {
  token: string;
  desk: DeskInfo;
  storage: KeyValueStorage;
  /** Put the cursor in the message box: the visitor has just started the conversation. */
  autoFocus: boolean;
  /** Text to start the message box with (the question written on the start form). */
  draft?: string;
  /** Leave this conversation: after it ended (no code) or because the server lost it. */
  onLeave: (code?: ErrorCode) => void;
  /**
   * The page's footer (the office's contacts, the statements): last in the conversation's scrolling
   * body, below the end that is followed, so the chat fills the screen with the conversation.
   */
  footer?: ComponentChildren;
}

/** After a call on the phone closes by itself, the visitor is back where they write. */
/** After a full-screen call: back to the message box, or to the chat's heading when the conversation has ended with the call. */
const FOCUS_MESSAGE_BOX = { onClosed: () => (document.getElementById('message-input') ?? document.getElementById('chat-heading'))?.focus() };

/**
 * The conversation as a full-height chat screen: its header (with the transcript and End), a body
 * that scrolls (messages, queue status, calls, the end, the page's footer), and the message box
 * pinned below it.
 */
export function ChatView({ token, desk, storage, autoFocus, draft, onLeave, footer }: ChatViewProps) {
  const t = useT();
  const bodyRef = useRef<HTMLDivElement>(null);
  const liveRef = useRef<HTMLDivElement>(null);
  const [snapshot, session] = useChatSession(token, storage, onLeave);
  const ended = snapshot.conversation?.status === 'closed';
  const typing = useTypingSender((active) => session.typing(active));
  const endpoints = visitorFileEndpoints(token);
  const files = useConversationFiles(token, endpoints, desk.files, (message) => session.showOwn(message));
  const [leftInstead, setLeftInstead] = useState<LeaveMessageResponse | null>(null);
  useTellingInBackground(snapshot);
  const written = snapshot.messages.filter((message) => message.author === 'visitor' && message.body).map((message) => message.body).join('\n\n');
  return (
    <section class="chat" aria-labelledby="chat-heading">
      <div class="chat-header">
        <h2 id="chat-heading" tabIndex={-1}>{t('visitor:chat.heading')}</h2>
        <ConnectionIndicator state={snapshot.connection} text={t(`visitor:connection.${snapshot.connection}`)} />
        <ConversationStatus conversation={snapshot.conversation} />
        <ChatActions token={token} ended={ended} connected={snapshot.connection === 'open'} onEnd={() => session.end()} />
      </div>
      <div class="chat-body" ref={bodyRef} data-testid="chat-body">
        {/* Followed to its end (message-list.tsx), so what grows below the log stays in view too. */}
        <div class="chat-live" ref={liveRef}>
          <AttachmentsProvider endpoints={endpoints}>
            <MessageList
              messages={snapshot.messages}
              pending={snapshot.pending}
              onRetry={(clientId) => session.retry(clientId)}
              onDiscard={(clientId) => session.discard(clientId)}
              readSeq={snapshot.readSeq}
              scroller={bodyRef}
              followed={liveRef}
              officeTimeZone={desk.schedule.timeZone}
            />
          </AttachmentsProvider>
          {snapshot.conversation?.status === 'waiting' && snapshot.queue && (
            <QueueStatusPanel
              queue={snapshot.queue}
              conversationLanguage={snapshot.conversation.language}
              desk={desk}
              onContinueIn={(language) => session.continueIn(language)}
            />
          )}
          {snapshot.conversation?.status === 'waiting' && !leftInstead && offeredAtClosing(snapshot.messages) && (
            <ClosingOffer desk={desk} token={token} written={written} onSent={setLeftInstead} />
          )}
          <IncomingAnnouncer message={snapshot.latestIncoming} />
          {snapshot.notice && (
            <div class="notice notice--error" role="alert">
              <p>{errorText(t, snapshot.notice)}</p>
              <button type="button" class="button button--small button--quiet" onClick={() => session.dismissNotice()}>
                {t('visitor:chat.dismiss')}
              </button>
            </div>
          )}
          <TypingIndicator
            signal={ended ? null : snapshot.staffTyping}
            text={t('visitor:chat.consultantTyping', { name: snapshot.conversation?.consultantName ?? t('common:author.consultant') })}
          />
          {snapshot.conversation?.status === 'active' && (
            <CallButtons
              mayStart={desk.calls?.visitorMayStart ?? false}
              onAsk={() => session.calls.send({ type: 'call.request' })}
              requestOpen={pendingCallRequest(snapshot.messages) !== null}
              className="chat-actions"
            />
          )}
          <CallDock
            channel={session.calls}
            self="visitor"
            settings={desk.calls}
            mayStart={desk.calls?.visitorMayStart ?? false}
            visitorName={t('common:call.who.visitor')}
            fillsPhone={FOCUS_MESSAGE_BOX}
          />
          {!ended && !leftInstead && <PendingUploads files={files} buttonClass="button button--small" />}
          {leftInstead ? (
            <LeftInstead receipt={leftInstead} sendsEmail={desk.sendsEmail} onStartNew={() => onLeave()} />
          ) : ended ? (
            <>
              <Ended
                mayRejoin={snapshot.conversation?.mayRejoin === true}
                onRejoin={() => session.rejoin()}
                onStartNew={() => onLeave()}
                onForget={() => forgetConversation(token).then(() => onLeave())}
              />
              {snapshot.conversation?.mayRejoin !== true && <SatisfactionPrompt subject="conversation" token={token} storage={storage} />}
            </>
          ) : null}
        </div>
        {!ended && !leftInstead && <ContinueElsewhere token={token} storage={storage} connected={snapshot.connection === 'open'} />}
        {!ended && (
          <NotifyToggle
            app="visitor"
            className="field field--checkbox notify-toggle"
            label={t('visitor:attention.toggle')}
            blockedText={t('visitor:attention.blocked')}
          />
        )}
        {footer}
      </div>
      {!leftInstead && !ended && (
        <Composer
          label={t('visitor:composer.label')}
          maxLength={desk.maxMessageLength}
          autoFocus={autoFocus}
          initialText={draft}
          onSend={(body) => session.send(body)}
          onTextChange={(text) => typing.changed(text)}
          accessory={<FileAttach files={files} buttonClass="button button--small" />}
          grow
        />
      )}
    </section>
  );
}

/** The consultant joining or answering while this tab is in the background (never the visitor's own messages). */
function useTellingInBackground(snapshot: ChatSnapshot): void {
  const t = useT();
  const message = snapshot.latestIncoming;
  useEffect(() => {
    if (!message) return;
    const name = message.authorName ?? t('common:author.consultant');
    if (message.author === 'staff') tellInBackground('visitor', t('visitor:attention.reply', { name }), t('visitor:attention.open'));
    else if (message.event === 'consultant_joined') tellInBackground('visitor', t('visitor:attention.joined', { name }), t('visitor:attention.open'));
  }, [message?.seq]);
}

function useChatSession(
  token: string,
  storage: KeyValueStorage,
  onLost: (code: ErrorCode) => void,
): [ChatSnapshot, ChatSession] {
  const [snapshot, setSnapshot] = useState<ChatSnapshot | null>(null);
  const latestOnLost = useRef(onLost);
  latestOnLost.current = onLost;
  const [session] = useState(
    () => new ChatSession({ token, storage, onChange: setSnapshot, onLost: (code) => latestOnLost.current(code) }),
  );
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  return [snapshot ?? session.snapshot, session];
}

function ConversationStatus({ conversation }: { conversation: VisitorConversation | null }) {
  const t = useT();
  if (!conversation) return null;
  const name = conversation.consultantName ?? t('common:author.consultant');
  const text = conversation.status === 'active' ? t('visitor:conversation.active', { name }) : t(`visitor:conversation.${conversation.status}`);
  return (
    <p class="conversation-status" data-testid="conversation-status" data-status={conversation.status}>
      <BidiText text={text} values={[name]} />
    </p>
  );
}

interface ChatActionsProps {
  token: string;
  ended: boolean;
  connected: boolean;
  onEnd: () => boolean;
}

function ChatActions({ token, ended, connected, onEnd }: ChatActionsProps) {
  const t = useT();
  const language = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [downloading, setDownloading] = useState(false);
  const endRef = useRef<HTMLButtonElement>(null);
  const refocusEnd = useRef(false);

  // Layout effect: focus is back on End in the frame the choices go away, never a moment on nothing (a screen reader would announce that).
  useLayoutEffect(() => {
    if (confirming || !refocusEnd.current) return;
    refocusEnd.current = false;
    endRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    refocusEnd.current = true;
    setConfirming(false);
  };

  const download = async (format: 'txt' | 'pdf') => {
    if (downloading) return;
    setDownloading(true);
    setFailure(null);
    try {
      await downloadTranscript(token, language, format, t('common:transcript.filename'));
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
    setDownloading(false);
  };

  const askToEnd = () => {
    if (!connected) return; // aria-disabled: the button keeps focus, it just does nothing offline
    setFailure(null);
    setConfirming(true);
  };

  const end = () => {
    // The confirmation goes away; focus returns to the End button (and moves on when it has ended).
    refocusEnd.current = true;
    setConfirming(false);
    if (!onEnd()) setFailure('network');
  };

  return (
    <div class="chat-tools">
      <button
        type="button"
        class="button button--small"
        data-testid="transcript-button"
        aria-disabled={downloading ? 'true' : undefined}
        onClick={() => download('txt')}
      >
        {t('visitor:transcript.download')}
      </button>
      {/* "PDF" is the same word in every language; its accessible name says what it downloads and holds that visible word. */}
      <button
        type="button"
        class="button button--small"
        data-testid="transcript-pdf-button"
        aria-label={t('visitor:transcript.downloadPdf')}
        aria-disabled={downloading ? 'true' : undefined}
        onClick={() => download('pdf')}
      >
        PDF
      </button>
      {!ended &&
        (confirming ? (
          <Confirmation
            id="end"
            question={t('visitor:end.question')}
            confirmLabel={t('visitor:end.confirm')}
            cancelLabel={t('visitor:end.cancel')}
            onConfirm={end}
            onCancel={cancel}
          />
        ) : (
          <button
            ref={endRef}
            type="button"
            class="button"
            data-testid="end-button"
            aria-disabled={connected ? undefined : 'true'}
            onClick={askToEnd}
          >
            {t('visitor:end.button')}
          </button>
        ))}
      {failure && (
        <p class="notice notice--error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
    </div>
  );
}

interface EndedProps {
  /** It left the queue while the visitor was away: they may take a place at its back again. */
  mayRejoin: boolean;
  onRejoin: () => boolean;
  onStartNew: () => void;
  /** Erases the conversation from this device (and its token on the server), then starts afresh. */
  onForget: () => Promise<void>;
}

function Ended({ mayRejoin, onRejoin, onStartNew, onForget }: EndedProps) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [confirmingForget, setConfirmingForget] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  const forget = () => {
    if (forgetting) return;
    setForgetting(true);
    setFailure(null);
    // Erased, this view goes away; failed, the visitor stays here and is told why.
    onForget().catch((error: unknown) => {
      setForgetting(false);
      setConfirmingForget(false);
      setFailure(errorCodeOf(error));
    });
  };
  return (
    <div class="ended" data-testid="conversation-ended">
      <h3 ref={headingRef} tabIndex={-1}>
        {t(mayRejoin ? 'visitor:ended.leftQueueHeading' : 'visitor:ended.heading')}
      </h3>
      <p>{t(mayRejoin ? 'visitor:ended.leftQueueHint' : 'visitor:ended.hint')}</p>
      {mayRejoin && (
        <button type="button" class="button button--primary" data-testid="rejoin-button" onClick={() => setFailure(onRejoin() ? null : 'network')}>
          {t('visitor:ended.rejoin')}
        </button>
      )}
      <button type="button" class={mayRejoin ? 'button' : 'button button--primary'} data-testid="new-conversation-button" onClick={onStartNew}>
        {t('visitor:ended.startNew')}
      </button>
      {!mayRejoin && (
        <>
          <p>{t('visitor:ended.forgetHint')}</p>
          {confirmingForget ? (
            <Confirmation
              id="forget"
              question={t('visitor:ended.forgetQuestion')}
              confirmLabel={t('visitor:ended.forgetConfirm')}
              cancelLabel={t('visitor:end.cancel')}
              busy={forgetting}
              onConfirm={forget}
              onCancel={() => setConfirmingForget(false)}
            />
          ) : (
            <button type="button" class="button" data-testid="forget-conversation-button" onClick={() => setConfirmingForget(true)}>
              {t('visitor:ended.forget')}
            </button>
          )}
        </>
      )}
      {failure && (
        <p class="notice notice--error" role="alert" data-testid="ended-failure">
          {errorText(t, failure)}
        </p>
      )}
    </div>
  );
}
