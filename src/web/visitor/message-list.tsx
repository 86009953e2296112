import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Message } from '../../shared/protocol';
import type { PendingMessage } from '../common/outbox';
import { formatOwnTime } from '../common/format';
import { Announcer } from '../common/announcer';
import { MessageContent } from '../common/message-content';
import { TranslatedContent } from '../common/translated-content';
import { messageText } from '../common/attachments/message-text';
import { errorText } from '../common/error-text';
import { useLanguage, useT } from '../common/i18n';
import { systemText } from '../common/system-text';
import { BidiText } from '../common/bidi-text';
import { HelpCards } from './help-card';

/** Within this many pixels of the end, the reader is following along and new messages scroll in. */
const FOLLOW_THRESHOLD_PX = 48;

interface MessageListProps {
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** The visitor's messages up to this seq have been read by staff. */
  readSeq?: number;
  /** The element that scrolls the log (the chat's body, which also holds what comes around it). */
  scroller: RefObject<HTMLElement | null>;
  /**
   * The part of the scroller that is followed to its end: the log and what grows below it (typing, a
   * notice, the end). What comes after it (the case code, the page's footer) is reached by scrolling on.
   */
  followed: RefObject<HTMLElement | null>;
  /** The office's IANA time zone: times that differ from its clock name the visitor's zone. */
  officeTimeZone: string;
}

/**
 * The conversation log. Its own live announcements are off: the IncomingAnnouncer speaks only the
 * newest message, so a reconnect that replays history does not read everything out again.
 */
export function MessageList({ messages, pending, onRetry, onDiscard, readSeq = 0, scroller, followed, officeTimeZone }: MessageListProps) {
  const t = useT();
  const following = useRef(true);
  /** Where this list last scrolled the box to: the scroll event that follows is its own, not the reader's. */
  const scrolledTo = useRef<number | null>(null);

  /** Where the box shows the end of the followed part at its bottom (or as near as the box scrolls). */
  const endOf = (box: HTMLElement) => {
    const part = followed.current;
    const partEnd = part ? part.getBoundingClientRect().bottom - box.getBoundingClientRect().top - box.clientTop + box.scrollTop : box.scrollHeight;
    return Math.max(0, Math.min(partEnd - box.clientHeight, box.scrollHeight - box.clientHeight));
  };

  const toEnd = (box: HTMLElement) => {
    box.scrollTop = endOf(box);
    scrolledTo.current = box.scrollTop;
  };

  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && following.current) toEnd(box);
  }, [messages, pending]);

  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const trackPosition = () => {
      // Content that grew below the end since then must not count as the reader scrolling away.
      if (box.scrollTop === scrolledTo.current) {
        following.current = true;
        return;
      }
      // Read on past the end (the footer) is no following either: a new message does not pull the reader back.
      following.current = Math.abs(endOf(box) - box.scrollTop) < FOLLOW_THRESHOLD_PX;
    };
    // The on-screen keyboard shrinks the box, a picture loads, a card opens: whoever was at the end stays there.
    const keepEnd = new ResizeObserver(() => {
      if (following.current) toEnd(box);
    });
    box.addEventListener('scroll', trackPosition, { passive: true });
    keepEnd.observe(box);
    if (followed.current) keepEnd.observe(followed.current);
    return () => {
      box.removeEventListener('scroll', trackPosition);
      keepEnd.disconnect();
    };
  }, [scroller, followed]);

  return (
    // Focusable, so arrow keys scroll the conversation (its scrolling ancestor) from the keyboard.
    <div class="message-log" role="log" aria-live="off" aria-labelledby="chat-heading" tabIndex={0} data-testid="message-list">
      {messages.length + pending.length === 0 && <p class="message-log-empty">{t('visitor:chat.empty')}</p>}
      <ol class="messages">
        {messages.map((message) => (
          <MessageItem key={message.seq} message={message} read={message.seq <= readSeq} officeTimeZone={officeTimeZone} />
        ))}
        {pending.map((message) => (
          <PendingItem key={message.clientId} message={message} onRetry={onRetry} onDiscard={onDiscard} />
        ))}
      </ol>
    </div>
  );
}

function MessageItem({ message, read, officeTimeZone }: { message: Message; read: boolean; officeTimeZone: string }) {
  const t = useT();
  const language = useLanguage();
  const time = (
    <bdi>
      <time dateTime={message.sentAt}>{formatOwnTime(message.sentAt, language, officeTimeZone)}</time>
    </bdi>
  );
  if (message.author === 'system') {
    return (
      <li class="message message--system" data-testid="message" data-seq={message.seq} data-author="system">
        <p class="message-body">
          <BidiText text={systemText(t, message, 'visitor')} values={[message.authorName]} />
        </p>
        <p class="message-meta">{time}</p>
      </li>
    );
  }
  const own = message.author === 'visitor';
  const author = own ? t('common:author.you') : message.authorName ?? t('common:author.consultant');
  return (
    <li
      class={own ? 'message message--own' : 'message message--staff'}
      data-testid="message"
      data-seq={message.seq}
      data-author={message.author}
      data-status={own ? 'delivered' : undefined}
      data-read={own && read ? 'true' : undefined}
    >
      <p class="message-meta">
        <bdi class="message-author">{author}</bdi> · {time}
        {own && <span class="message-status"> · {t(read ? 'visitor:message.read' : 'visitor:message.delivered')}</span>}
      </p>
      <TranslatedContent message={message} reader="visitor" />
      {!own && !message.attachment && <HelpCards text={message.body} />}
    </li>
  );
}

interface PendingItemProps {
  message: PendingMessage;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

function PendingItem({ message, onRetry, onDiscard }: PendingItemProps) {
  const t = useT();
  const failed = message.status === 'failed';
  return (
    <li
      class="message message--own message--pending"
      data-testid="message"
      data-author="visitor"
      data-status={message.status}
    >
      <p class="message-meta">
        <span class="message-author">{t('common:author.you')}</span> ·{' '}
        <span class="message-status">{failed ? t('visitor:message.failed') : t('visitor:message.sending')}</span>
      </p>
      <MessageContent message={message} />
      {failed && (
        <div class="message-failure">
          {message.error && <p>{errorText(t, message.error)}</p>}
          <button
            type="button"
            class="button button--small"
            data-testid="retry-button"
            onClick={() => onRetry(message.clientId)}
          >
            {t('visitor:message.retry')}
          </button>
          <button type="button" class="button button--small button--quiet" onClick={() => onDiscard(message.clientId)}>
            {t('visitor:message.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Speaks the newest message from the consultant (or the desk), once. */
export function IncomingAnnouncer({ message }: { message: Message | null }) {
  const t = useT();
  const text = !message
    ? ''
    : message.author === 'system'
      ? systemText(t, message, 'visitor')
      : t('visitor:chat.newMessage', { name: message.authorName ?? t('common:author.consultant'), text: messageText(t, message) });
  return <Announcer id={message?.seq ?? null} text={text} />;
}
