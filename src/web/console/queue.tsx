import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary, VisitorPresence } from '../../shared/protocol';
import { useLanguage, useT } from '../common/i18n';
import { topicName } from '../common/topic-name';
import { waitingStart } from './desk-state';
import { visitorLabel } from './labels';
import { minutesSince, waitingLabel } from './waiting-time';
import { conversationLanguage } from './conversation-language';
import { VisitorPresenceFact } from './visitor-presence';

interface WaitingQueueProps {
  conversations: ConversationSummary[];
  presence: Record<string, VisitorPresence>;
  takingIds: string[];
  onTake: (conversationId: string) => void;
  /** Focus lands here when a take fails and its button is gone. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** The desk closes within minutes: waiting visitors have been offered a left message or a booking. */
  closingOffered?: boolean;
}

export function WaitingQueue({ conversations, presence, takingIds, onTake, headingRef, closingOffered = false }: WaitingQueueProps) {
  const t = useT();
  const now = useNow(15_000);
  return (
    <section class="panel" aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabIndex={-1} ref={headingRef} data-testid="queue-heading">
        {t('console:queue.heading')}{' '}
        <span class="badge" data-testid="waiting-count">
          {conversations.length}
        </span>
      </h2>
      {conversations.length === 0 && <p class="empty">{t('console:queue.empty')}</p>}
      <ul class="conversation-list" data-testid="queue">
        {conversations.map((conversation) => (
          <QueueItem
            key={conversation.id}
            conversation={conversation}
            presence={presence[conversation.id]}
            now={now}
            taking={takingIds.includes(conversation.id)}
            onTake={onTake}
            closingOffered={closingOffered && !conversation.bookedCall}
          />
        ))}
      </ul>
    </section>
  );
}

interface QueueItemProps {
  conversation: ConversationSummary;
  presence: VisitorPresence | undefined;
  now: number;
  taking: boolean;
  onTake: (conversationId: string) => void;
  closingOffered: boolean;
}

function QueueItem({ conversation, presence, now, taking, onTake, closingOffered }: QueueItemProps) {
  const t = useT();
  const name = visitorLabel(conversation, t('console:queue.anonymous'));
  const waited = waitingLabel(minutesSince(waitingStart(conversation), now));
  return (
    <li class="conversation-card" data-testid="queue-item" data-conversation-id={conversation.id}>
      <p class="visitor-name">{name}</p>
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
      <button type="button" data-testid="take-button" disabled={taking} onClick={() => onTake(conversation.id)}>
        {taking ? t('console:queue.taking') : t('console:queue.take')}
        <span class="visually-hidden"> {t('console:queue.takeContext', { name })}</span>
      </button>
    </li>
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

/** The current time, refreshed on an interval so waiting times keep counting up. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
