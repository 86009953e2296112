import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary, VisitorPresence } from '../../shared/protocol';
import { useLanguage, useT } from '../common/i18n';
import { topicName } from '../common/topic-name';
import { waitingStart } from './desk-state';
import { pageClock, secondsLeft, type Offer, type QueueEntry } from './availability/routing-state';
import { visitorLabel } from './labels';
import { minutesSince, waitingLabel } from './waiting-time';
import { conversationLanguage } from './conversation-language';
import { VisitorPresenceFact } from './visitor-presence';

interface WaitingQueueProps {
  /** Waiting conversations in queue order, each with its offer to this consultant if any (withOffers). */
  entries: QueueEntry[];
  presence: Record<string, VisitorPresence>;
  takingIds: string[];
  /** Taking a conversation, or accepting its offer (the same thing). */
  onTake: (conversationId: string) => void;
  onDecline: (conversationId: string) => void;
  /** Focus lands here when a take fails and its button is gone. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** The desk closes within minutes: waiting visitors have been offered a left message or a booking. */
  closingOffered?: boolean;
}

export function WaitingQueue({ entries, presence, takingIds, onTake, onDecline, headingRef, closingOffered = false }: WaitingQueueProps) {
  const t = useT();
  const now = useNow(15_000);
  return (
    <section class="panel" aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabIndex={-1} ref={headingRef} data-testid="queue-heading">
        {t('console:queue.heading')}{' '}
        <span class="badge" data-testid="waiting-count">
          {entries.length}
        </span>
      </h2>
      {entries.length === 0 && <p class="empty">{t('console:queue.empty')}</p>}
      <ul class="conversation-list" data-testid="queue">
        {entries.map(({ conversation, offer }) => (
          <QueueItem
            key={conversation.id}
            conversation={conversation}
            offer={offer}
            presence={presence[conversation.id]}
            now={now}
            taking={takingIds.includes(conversation.id)}
            onTake={onTake}
            onDecline={onDecline}
            closingOffered={closingOffered && !conversation.bookedCall}
          />
        ))}
      </ul>
    </section>
  );
}

interface QueueItemProps {
  conversation: ConversationSummary;
  /** Set when routing offers this conversation to this consultant: Accept and Decline, with the seconds left. */
  offer: Offer | null;
  presence: VisitorPresence | undefined;
  now: number;
  taking: boolean;
  onTake: (conversationId: string) => void;
  onDecline: (conversationId: string) => void;
  closingOffered: boolean;
}

function QueueItem({ conversation, offer, presence, now, taking, onTake, onDecline, closingOffered }: QueueItemProps) {
  const t = useT();
  const name = visitorLabel(conversation, t('console:queue.anonymous'));
  const waited = waitingLabel(minutesSince(waitingStart(conversation), now));
  const takeText = taking ? t('console:queue.taking') : offer ? t('console:routing.offer.accept') : t('console:queue.take');
  const context = t(offer ? 'console:routing.offer.context' : 'console:queue.takeContext', { name });
  return (
    <li
      class={offer ? 'conversation-card offer' : 'conversation-card'}
      data-testid="queue-item"
      data-conversation-id={conversation.id}
      data-offered={offer ? 'true' : undefined}
    >
      <p class="visitor-name">{name}</p>
      {offer && (
        <p class="offer-head">
          <strong>{t('console:routing.offer.heading')}</strong> <OfferCountdown offer={offer} />
        </p>
      )}
      <ConversationFacts conversation={conversation} presence={presence}>
        <div>
          <dt>{t('console:queue.waiting')}</dt>
          <dd>
            <time dateTime={waitingStart(conversation)}>{t(`console:${waited.key}`, waited.values)}</time>
          </dd>
        </div>
        {closingOffered && (
          <div data-testid="closing-offered">
            <dt>{t('console:queue.closing')}</dt>
            <dd>{t('console:queue.closingOffered')}</dd>
          </div>
        )}
      </ConversationFacts>
      <div class="offer-actions">
        <button type="button" data-testid="take-button" disabled={taking} onClick={() => onTake(conversation.id)}>
          {takeText}
          <span class="visually-hidden"> {context}</span>
        </button>
        {offer && (
          <button type="button" class="secondary" data-testid="offer-decline" disabled={taking} onClick={() => onDecline(conversation.id)}>
            {t('console:routing.offer.decline')}
            <span class="visually-hidden"> {context}</span>
          </button>
        )}
      </div>
    </li>
  );
}

/** How often the countdown looks at the clock: often enough that a second never shows late by much. */
const COUNTDOWN_TICK_MS = 250;

/**
 * The seconds left to accept, worked out from the offer's deadline on each tick (never counted
 * down by hand, so a late tick does not drift). A timer is not read out as it changes: the offer
 * was announced once (OfferAnnouncer), and the timer can still be read on demand.
 */
function OfferCountdown({ offer }: { offer: Offer }) {
  const t = useT();
  const seconds = secondsLeft(offer, useNow(COUNTDOWN_TICK_MS, pageClock));
  return (
    <span class="offer-countdown" role="timer" aria-live="off" data-testid="offer-countdown" data-seconds-left={seconds}>
      {t('console:routing.offer.secondsLeft', { seconds })}
    </span>
  );
}

interface MyConversationsProps {
  conversations: ConversationSummary[];
  selectedId: string | null;
  unread: Record<string, number>;
  onSelect: (conversationId: string) => void;
}

export function MyConversations({ conversations, selectedId, unread, onSelect }: MyConversationsProps) {
  const t = useT();
  const language = useLanguage();
  return (
    <section class="panel" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t('console:mine.heading')}</h2>
      {conversations.length === 0 && <p class="empty">{t('console:mine.empty')}</p>}
      <ul class="conversation-list" data-testid="my-conversations">
        {conversations.map((conversation) => {
          const unreadCount = unread[conversation.id] ?? 0;
          return (
            <li key={conversation.id} data-testid="my-conversation" data-conversation-id={conversation.id}>
              <button
                type="button"
                class="conversation-card conversation-button"
                aria-current={conversation.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(conversation.id)}
              >
                <span class="visitor-name">{visitorLabel(conversation, t('console:queue.anonymous'))}</span>
                {unreadCount > 0 && <span class="badge">{t('console:mine.unread', { number: unreadCount })}</span>}
                <span class="facts-line">
                  {conversationLanguage(t, conversation, language)} · {topicName(t, conversation.topic, language)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The conversation's language and topic as `<dt>`/`<dd>` pairs, for any facts list. */
export function LanguageAndTopicFacts({ conversation }: { conversation: Pick<ConversationSummary, 'language' | 'spokenLanguage' | 'topic'> }) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <div>
        <dt>{t('console:queue.language')}</dt>
        <dd>{conversationLanguage(t, conversation, language)}</dd>
      </div>
      <div>
        <dt>{t('console:queue.topic')}</dt>
        <dd>{topicName(t, conversation.topic, language)}</dd>
      </div>
    </>
  );
}

interface ConversationFactsProps {
  conversation: ConversationSummary;
  presence?: VisitorPresence | undefined;
  children?: ComponentChildren;
}

export function ConversationFacts({ conversation, presence, children }: ConversationFactsProps) {
  const t = useT();
  return (
    <dl class="facts">
      <VisitorPresenceFact presence={presence} />
      <LanguageAndTopicFacts conversation={conversation} />
      {conversation.bookedCall && (
        <div data-testid="booked-call">
          <dt>{t('console:queue.bookedCall')}</dt>
          <dd>{t(`console:agenda.kinds.${conversation.bookedCall}`)}</dd>
        </div>
      )}
      {children}
    </dl>
  );
}

/** The current time on `clock`, refreshed on an interval so waiting times keep counting up. */
export function useNow(intervalMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, clock]);
  return now;
}
