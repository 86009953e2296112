/**
 * A visitor's request for a call as a banner above the conversation: call them now (voice or
 * video) or answer "not now", which tells the visitor politely. "Not now" is not destructive, so it
 * asks for no confirmation.
 */
import { useState } from 'preact/hooks';
import type { CallKind, ConversationSummary, Message } from '../../shared/protocol';
import { requestCall } from '../common/call/launcher';
import { useT } from '../common/i18n';
import { pendingCallRequest } from '../common/call/request';
import { visitorLabel } from './labels';
import { focusById } from './shortcuts/use-shortcuts';
import './call-request.css';

interface CallRequestBannersProps {
  /** The conversations this consultant follows. */
  conversations: ConversationSummary[];
  messages: Record<string, Message[]>;
  onSelect: (conversationId: string) => void;
  onNotNow: (conversationId: string) => void;
}

export function CallRequestBanners({ conversations, messages, onSelect, onNotNow }: CallRequestBannersProps) {
  const t = useT();
  // Requests answered here (by seq), hidden at once: the call or the "not now" line follows in the log.
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const pending = conversations.flatMap((conversation) => {
    const request = pendingCallRequest(messages[conversation.id] ?? []);
    return request && !answered.has(`${conversation.id}-${request.seq}`) ? [{ conversation, request }] : [];
  });
  if (pending.length === 0) return null;
  return (
    <div class="call-requests">
      {pending.map(({ conversation, request }) => {
        const id = conversation.id;
        const headingId = `call-request-${id}`;
        const answer = () => {
          setAnswered((current) => new Set([...current, `${id}-${request.seq}`]));
          onSelect(id);
        };
        const call = (kind: CallKind) => {
          answer();
          requestCall(kind, id);
        };
        return (
          <div key={id} class="call-request" role="group" aria-labelledby={headingId} data-testid="call-request" data-conversation-id={id}>
            <p id={headingId} class="call-request-text">
              {t('console:callRequest.asks', { name: visitorLabel(conversation, t('console:queue.anonymous')) })}
            </p>
            <div class="call-request-actions">
              <button type="button" data-testid="call-request-voice" onClick={() => call('voice')}>
                {t('console:callRequest.voice')}
              </button>
              <button type="button" data-testid="call-request-video" onClick={() => call('video')}>
                {t('console:callRequest.video')}
              </button>
              <button
                type="button"
                class="secondary"
                data-testid="call-request-not-now"
                onClick={() => {
                  answer();
                  onNotNow(id);
                  // The banner is gone: the consultant goes on writing to the visitor rather than from <body>.
                  requestAnimationFrame(() => focusById('message-input'));
                }}
              >
                {t('console:callRequest.notNow')}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
