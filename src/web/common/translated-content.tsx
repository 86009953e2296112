import { useState } from 'preact/hooks';
import type { Message } from '../../shared/protocol';
import { useT } from './i18n';
import { MessageContent } from './message-content';

/** Each app's own link-like button. */
const TOGGLE_CLASS = { visitor: 'button button--quiet button--small', staff: 'link-button' } as const;

/**
 * What a message says, machine translation included: a message translated for this reader shows
 * the translation (the original on request); the reader's own translated message shows what they
 * wrote (the translation on request). Either is labelled; a failed translation says so.
 */
export function TranslatedContent({ message, reader }: { message: Message; reader: 'visitor' | 'staff' }) {
  const t = useT();
  const [showOther, setShowOther] = useState(false);
  const { translation } = message;
  if (!translation || message.attachment) return <MessageContent message={message} />;
  if (translation.status === 'unavailable' || translation.text === null) {
    return (
      <>
        <MessageContent message={message} />
        <p class="message-translation" data-testid="translation-label" data-translation="unavailable">
          {t('common:translation.unavailable')}
        </p>
      </>
    );
  }
  const forReader = (reader === 'staff') === (message.author === 'visitor');
  const shown = forReader !== showOther ? { body: translation.text, lang: translation.to } : { body: message.body, lang: translation.from };
  return (
    <>
      <div lang={shown.lang} data-testid="message-text">
        <MessageContent message={{ attachment: null, body: shown.body }} />
      </div>
      <p class="message-translation" data-testid="translation-label" data-translation="translated">
        {t(forReader ? 'common:translation.machine' : 'common:translation.sentTranslated')} ·{' '}
        <button type="button" class={TOGGLE_CLASS[reader]} aria-pressed={showOther} data-testid="translation-toggle" onClick={() => setShowOther(!showOther)}>
          {t(forReader ? 'common:translation.showOriginal' : 'common:translation.showTranslation')}
        </button>
      </p>
    </>
  );
}
