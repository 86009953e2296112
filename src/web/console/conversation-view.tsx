import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary, Message, ScheduleStatus, VisitorPresence } from '../../shared/protocol';
import { AttachmentsProvider } from '../common/attachments/attachment';
import { FileAttach, PendingUploads, useConversationFiles } from '../common/attachments/conversation-files';
import { staffFileEndpoints } from '../common/attachments/endpoints';
import type { FileLimits } from '../common/attachments/uploads';
import { CallButtons } from '../common/call/launcher';
import { Composer } from '../common/composer';
import { formatTimeOrDate } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { TranslatedContent } from '../common/translated-content';
import type { PendingMessage } from '../common/outbox';
import { systemText } from '../common/system-text';
import { TypingIndicator, useTypingSender } from '../common/typing-indicator';
import { CannedPicker } from './canned/canned-picker';
import { formatOfficeHours } from './canned/placeholders';
import { useCannedAnswers } from './canned/use-canned';
import { BlockPanel } from './block-panel';
import { ClosePanel } from './close-panel';
import { HelpArticlePicker } from '../staff-common/help/help-article-picker';
import { useReadReceipts, useVisitorTyping } from './context/conversation-signals';
import { VisitorContextPanel } from './context/visitor-context-panel';
import { NOTE_INPUT_ID, NotesPanel } from './notes/notes-panel';
import { focusById, useShortcuts } from './shortcuts/use-shortcuts';
import { HandOnPanel, type HandOnContext } from './transfer/hand-on-panel';
import { TranslationPanel } from './translation/translation-panel';
import { visitorLabel } from './labels';
import { ConversationFacts } from './queue';
import type { DeskActions } from './desk-session';

interface ConversationViewProps {
  conversation: ConversationSummary;
  /** Not shown for a closed conversation: its visitor is nobody's concern any more. */
  presence: VisitorPresence | undefined;
  messages: Message[];
  outgoing: readonly PendingMessage[];
  topics: readonly string[];
  maxMessageLength: number | undefined;
  fileLimits: FileLimits | undefined;
  /** The desk's hours, for the {officeHours} placeholder of canned answers. */
  schedule: ScheduleStatus | undefined;
  /** False while another view (inbox, agenda) covers the conversation: nothing counts as read. */
  shown: boolean;
  actions: DeskActions;
  handOn: HandOnContext;
  /** Admins: the canned answers' empty state sends them to /admin. */
  editsSharedAnswers: boolean;
}

export function ConversationView(props: ConversationViewProps) {
  const { conversation, presence, messages, outgoing, topics, maxMessageLength, fileLimits, schedule, shown, actions, handOn, editsSharedAnswers } = props;
  const t = useT();
  const endpoints = staffFileEndpoints(conversation.id);
  const files = useConversationFiles(conversation.id, endpoints, fileLimits, (message) =>
    actions.showDelivered(conversation.id, message),
  );
  const isOpen = conversation.status === 'active';
  const closedNoteRef = useRef<HTMLParagraphElement>(null);
  useFocusWhenClosed(isOpen, closedNoteRef);
  const canned = useCannedAnswers();
  const [helpPickerOpen, setHelpPickerOpen] = useState(false);
  const typing = useTypingSender((active) => actions.typing(conversation.id, active));
  const visitorTyping = useVisitorTyping(conversation.id, actions.listen);
  useReadReceipts(conversation, messages, shown, (seq) => actions.markRead(conversation.id, seq));
  useShortcuts({
    message: () => focusById('message-input'),
    note: () => focusById(NOTE_INPUT_ID),
    ...(isOpen && { canned: canned.show, close: () => focusById('close-outcome') }),
  });
  const visitorName = visitorLabel(conversation, t('console:queue.anonymous'));
  return (
    <section class="conversation" aria-labelledby="conversation-heading">
      <div class="conversation-head">
        <div class="conversation-title">
          <h2 id="conversation-heading">
            {t('console:conversation.heading', { name: visitorName })}
          </h2>
          <ConversationFacts conversation={conversation} presence={conversation.status === 'closed' ? undefined : presence} />
        </div>
        {isOpen && <CallButtons conversationId={conversation.id} mayStart className="call-start" />}
      </div>
      <div class="conversation-body">
        <div class="chat">
          <AttachmentsProvider endpoints={endpoints}>
            <MessageLog
              messages={messages}
              outgoing={outgoing}
              visitorName={conversation.visitorName}
              myId={handOn.myId}
              onRetry={(clientId) => actions.retry(conversation.id, clientId)}
            />
          </AttachmentsProvider>
          <TypingIndicator signal={isOpen ? visitorTyping : null} text={t('console:conversation.visitorTyping', { name: visitorName })} />
          {isOpen && <PendingUploads files={files} buttonClass="secondary" />}
          {isOpen ? (
            <Composer
              accessory={
                <div class="composer-tools">
                  <FileAttach files={files} buttonClass="secondary" />
                  <button type="button" class="secondary" data-testid="canned-button" onClick={canned.show}>
                    {t('console:canned.open')} <kbd>Ctrl+K</kbd>
                  </button>
                  <button type="button" class="secondary" data-testid="help-articles-button" onClick={() => setHelpPickerOpen(true)}>
                    {t('console:help.open')}
                  </button>
                </div>
              }
              insertion={canned.insertion}
              onCommandKey={canned.show}
              label={t('console:conversation.message')}
              maxLength={maxMessageLength ?? Number.POSITIVE_INFINITY}
              autoFocus
              initialText={drafts.get(conversation.id) ?? ''}
              onTextChange={(text) => {
                drafts.set(conversation.id, text);
                typing.changed(text);
              }}
              onSend={(body) => actions.send(conversation.id, body)}
            />
          ) : (
            <p class="closed-note" role="status" tabIndex={-1} ref={closedNoteRef} data-testid="closed-note">
              {conversation.outcome
                ? t('console:conversation.closedWithOutcome', { outcome: t(`common:outcomes.${conversation.outcome}`) })
                : t('console:conversation.closed')}
            </p>
          )}
        </div>
        {/* Who the visitor is and the notes first: they are what a consultant reads while answering. */}
        <div class="conversation-side">
          <VisitorContextPanel conversation={conversation} />
          <NotesPanel conversationId={conversation.id} listen={actions.listen} />
          {isOpen && conversation.assignee?.id === handOn.myId && (
            <ClosePanel
              initialTopic={conversation.topic}
              topics={topics}
              onClose={(topic, outcome) => actions.close(conversation.id, topic, outcome)}
            />
          )}
          <HandOnPanel conversation={conversation} listen={actions.listen} {...handOn} />
          {isOpen && <TranslationPanel conversationId={conversation.id} />}
          <BlockPanel conversationId={conversation.id} />
        </div>
      </div>
      {helpPickerOpen && (
        <HelpArticlePicker
          language={conversation.language}
          onInsert={canned.insert}
          onClose={() => {
            setHelpPickerOpen(false);
            canned.hide();
          }}
        />
      )}
      {canned.open && (
        <CannedPicker
          language={conversation.language}
          values={{
            visitorName: conversation.visitorName,
            officeHours: schedule ? formatOfficeHours(schedule.hours, schedule.timeZone, conversation.language) : '',
          }}
          editsShared={editsSharedAnswers}
          onInsert={canned.insert}
          onClose={canned.hide}
        />
      )}
    </section>
  );
}

interface MessageLogProps {
  messages: Message[];
  outgoing: readonly PendingMessage[];
  visitorName: string | null;
  /** Tells this staff member's messages ("you") from a colleague's in the same conversation. */
  myId: string;
  onRetry: (clientId: string) => void;
}

function MessageLog({ messages, outgoing, visitorName, myId, onRetry }: MessageLogProps) {
  const t = useT();
  const logRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length, outgoing.length]);

  return (
    // Focusable so keyboard users can scroll the history. Silent: a take or a sync loads the whole
    // history at once; the desk's announcer speaks only new visitor messages.
    <div
      class="message-log"
      role="log"
      aria-live="off"
      aria-labelledby="log-label"
      tabIndex={0}
      ref={logRef}
      data-testid="message-list"
    >
      <p id="log-label" class="visually-hidden">
        {t('console:conversation.log')}
      </p>
      {messages.length === 0 && outgoing.length === 0 && <p class="empty">{t('console:conversation.empty')}</p>}
      {messages.map((message) =>
        message.author === 'system' ? (
          <SystemMessage key={message.seq} message={message} />
        ) : (
          <ChatMessage key={message.seq} message={message} visitorName={visitorName} myId={myId} />
        ),
      )}
      {outgoing.map((message) => (
        <OutgoingMessage key={message.clientId} message={message} onRetry={onRetry} />
      ))}
    </div>
  );
}

function SystemMessage({ message }: { message: Message }) {
  const t = useT();
  return (
    <div class="message message-system" data-testid="message" data-seq={message.seq} data-author="system">
      <p>
        {systemText(t, message, 'console')} 
        <MessageTime sentAt={message.sentAt} />
      </p>
    </div>
  );
}

function ChatMessage({ message, visitorName, myId }: { message: Message; visitorName: string | null; myId: string }) {
  const t = useT();
  const isStaff = message.author === 'staff';
  const byColleague = isStaff && !!message.authorId && message.authorId !== myId;
  const sender = byColleague
    ? message.authorName || t('common:author.consultant')
    : isStaff
      ? t('common:author.you')
      : message.authorName || visitorName || t('common:author.visitor');
  return (
    <div
      class={`message message-${message.author}`}
      data-testid="message"
      data-seq={message.seq}
      data-author={message.author}
      data-state={isStaff ? 'delivered' : undefined}
    >
      <p class="message-meta">
        <span class="message-sender">{sender}</span> <MessageTime sentAt={message.sentAt} />
      </p>
      <TranslatedContent message={message} reader="staff" />
      {isStaff && <p class="message-status">{t('console:conversation.delivered')}</p>}
    </div>
  );
}

function MessageTime({ sentAt }: { sentAt: string }) {
  const language = useLanguage();
  return <time dateTime={sentAt}>{formatTimeOrDate(sentAt, language)}</time>;
}

/** A message of this consultant's that the server has not acknowledged (yet). */
function OutgoingMessage({ message, onRetry }: { message: PendingMessage; onRetry: (clientId: string) => void }) {
  const t = useT();
  const failed = message.status === 'failed';
  const reason = t(`common:errors.${message.error ?? 'internal_error'}`);
  return (
    <div
      class={`message message-staff message-${message.status}`}
      data-testid="message"
      data-author="staff"
      data-state={message.status}
    >
      <p class="message-meta">
        <span class="message-sender">{t('common:author.you')}</span>
      </p>
      <p class="message-body">{message.body}</p>
      <p class="message-status">
        {failed ? t('console:conversation.failed', { reason }) : t('console:conversation.sending')}
        {failed && (
          <button type="button" class="link-button" onClick={() => onRetry(message.clientId)}>
            {t('console:conversation.retry')}
          </button>
        )}
      </p>
    </div>
  );
}

/** Unsent drafts by conversation, so switching between visitors loses no half-written answer. */
const drafts = new Map<string, string>();

/**
 * When the conversation closes under the consultant's hands, the composer and the close form they
 * were using disappear; focus moves to the note saying it is closed instead of falling to <body>.
 */
function useFocusWhenClosed(isOpen: boolean, note: { current: HTMLElement | null }) {
  const wasOpen = useRef(isOpen);
  useLayoutEffect(() => {
    const closedNow = wasOpen.current && !isOpen;
    wasOpen.current = isOpen;
    if (!closedNow) return;
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected) note.current?.focus();
  }, [isOpen]);
}
