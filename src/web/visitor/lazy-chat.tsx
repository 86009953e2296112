/**
 * The conversation (socket, outbox, messages, composer, files, calls) is a chunk of its own: the
 * page everyone opens shows the start form or the closed page, so its first load carries none of
 * it. The chunk is fetched while the visitor fills in the start form, and at once for a returning
 * visitor whose conversation is stored.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../common/i18n';
import type { ChatViewProps } from './chat-view';

type ChatViewModule = typeof import('./chat-view');

let loading: Promise<ChatViewModule> | null = null;

export function loadChatView(): Promise<ChatViewModule> {
  loading ??= import('./chat-view').catch((error: unknown) => {
    loading = null; // offline for a moment: the next attempt loads it again
    throw error;
  });
  return loading;
}

export function LazyChatView(props: ChatViewProps) {
  const t = useT();
  const [chat, setChat] = useState<ChatViewModule | 'failed' | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    loadChatView().then(setChat, () => setChat('failed'));
  }, [attempt]);

  if (chat === 'failed') {
    return (
      <div class="notice notice--error" role="alert">
        <p>{t('visitor:loadFailed')}</p>
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            setChat(null);
            setAttempt((count) => count + 1);
          }}
        >
          {t('visitor:retry')}
        </button>
      </div>
    );
  }
  if (!chat) {
    return (
      <p class="boot-message" role="status">
        {t('visitor:chat.loading')}
      </p>
    );
  }
  return <chat.ChatView {...props} />;
}
