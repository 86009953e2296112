import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary, VisitorContext } from '../../../shared/protocol';
import { formatInstant, timeZoneName, viewerTimeZone } from '../../common/format';
import { LanguageAndTopicFacts, useNow } from '../queue';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { minutesSince, waitingLabel } from '../waiting-time';
import { fetchVisitorContext } from './api';

/** The visitor's local time moves on; once a minute is enough for a clock without seconds. */
const CLOCK_REFRESH_MS = 30_000;

/**
 * About the visitor, beside the conversation: language, topic, their local time, how long they
 * waited, and their earlier conversations from this device when they allowed it.
 */
export function VisitorContextPanel({ conversation }: { conversation: ConversationSummary }) {
  const t = useT();
  const context = useVisitorContext(conversation);
  const now = useNow(CLOCK_REFRESH_MS);
  const language = useLanguage();
  return (
    <section class="panel context-panel" aria-labelledby="context-heading" data-testid="visitor-context">
      <h3 id="context-heading">{t('console:context.heading')}</h3>
      <dl class="facts facts-stacked">
        <LanguageAndTopicFacts conversation={conversation} />
        <div>
          <dt>{t('console:context.localTime')}</dt>
          <dd data-testid="visitor-local-time">
            {context?.visitorTimeZone
              ? `${localTime(now, context.visitorTimeZone, language)} (${timeZoneName(context.visitorTimeZone, language)})`
              : t('console:context.unknown')}
          </dd>
        </div>
        {context && (
          <div>
            <dt>{t('console:context.waited')}</dt>
            <dd>{waitedText(t, context, now)}</dd>
          </div>
        )}
      </dl>
      <h4>{t('console:context.earlier')}</h4>
      <EarlierConversations context={context} />
    </section>
  );
}

function EarlierConversations({ context }: { context: VisitorContext | null }) {
  const t = useT();
  const language = useLanguage();
  if (!context) return null;
  if (context.earlierConversations === null) return <p class="hint">{t('console:context.notShared')}</p>;
  if (context.earlierConversations.length === 0) return <p class="hint">{t('console:context.noEarlier')}</p>;
  return (
    <ul class="earlier-list" data-testid="earlier-conversations">
      {context.earlierConversations.map((earlier) => (
        <li key={earlier.id}>
          <time dateTime={earlier.startedAt}>{formatInstant(earlier.startedAt, language, viewerTimeZone())}</time>
          {': '}
          {topicName(t, earlier.topic, language)}
          {earlier.outcome && ` — ${t(`common:outcomes.${earlier.outcome}`)}`}
          {earlier.consultantName && ` (${earlier.consultantName})`}
        </li>
      ))}
    </ul>
  );
}

function waitedText(t: ReturnType<typeof useT>, context: VisitorContext, now: number): string {
  const until = context.assignedAt ? Date.parse(context.assignedAt) : now;
  const label = waitingLabel(minutesSince(context.startedAt, until));
  return t(`console:${label.key}`, label.values);
}

function localTime(now: number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).format(now);
}

/** Loaded when the conversation is shown and again when it is taken (the wait is then known). */
function useVisitorContext(conversation: ConversationSummary): VisitorContext | null {
  const [context, setContext] = useState<VisitorContext | null>(null);
  useEffect(() => {
    let current = true;
    fetchVisitorContext(conversation.id).then(
      (loaded) => current && setContext(loaded),
      (error: unknown) => console.warn('Visitor context unavailable', error),
    );
    return () => {
      current = false;
    };
  }, [conversation.id, conversation.status]);
  return context?.conversationId === conversation.id ? context : null;
}
