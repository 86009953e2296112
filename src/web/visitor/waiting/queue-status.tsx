/**
 * What a waiting visitor sees above the conversation: their place in the queue and an estimated
 * wait ("about N minutes"), kept live by `visitor.queue` frames; an honest notice when the wait
 * runs past closing, with the alternatives the office offers; and, when nobody on duty speaks
 * their language, the languages that are spoken now, to continue in one of them.
 */
import { useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import type { DeskInfo, QueueStatus } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { languageName, nativeLanguageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { BookingSection } from '../booking/booking-section';
import { LeaveMessageSection } from '../leave-message/leave-message-section';
import './waiting.css';
import { BidiText } from '../../common/bidi-text';

interface QueueStatusPanelProps {
  queue: QueueStatus;
  /** The conversation's language (not necessarily the page's). */
  conversationLanguage: UiLanguage;
  desk: DeskInfo;
  /** Asks to continue in `language`; false when offline. */
  onContinueIn: (language: UiLanguage) => boolean;
}

export function QueueStatusPanel({ queue, conversationLanguage, desk, onContinueIn }: QueueStatusPanelProps) {
  const t = useT();
  const positionText = t('visitor:waiting.position', { position: queue.position });
  const nobodySpeaksIt = !queue.languagesOnDuty.includes(conversationLanguage);
  return (
    <div class="queue-status" data-testid="queue-status">
      <p class="queue-status__position" data-testid="queue-position" data-position={queue.position}>
        <BidiText text={positionText} values={[queue.position]} />
      </p>
      <p data-testid="queue-estimate">
        {queue.estimateMinutes === null ? (
          t('visitor:waiting.noEstimate')
        ) : (
          <BidiText text={t('visitor:waiting.estimate', { minutes: queue.estimateMinutes })} values={[queue.estimateMinutes]} />
        )}
      </p>
      {nobodySpeaksIt && (
        <LanguageChoice conversationLanguage={conversationLanguage} onDuty={queue.languagesOnDuty} onContinueIn={onContinueIn} />
      )}
      {queue.pastClosing && <PastClosing desk={desk} />}
      {/* Each new place is read out once; the estimate changes too often to announce. */}
      <Announcer id={queue.position} text={positionText} testId="queue-announcer" />
    </div>
  );
}

interface LanguageChoiceProps {
  conversationLanguage: UiLanguage;
  onDuty: readonly UiLanguage[];
  onContinueIn: (language: UiLanguage) => boolean;
}

function LanguageChoice({ conversationLanguage, onDuty, onContinueIn }: LanguageChoiceProps) {
  const t = useT();
  const pageLanguage = useLanguage();
  const [failed, setFailed] = useState(false);
  return (
    <div class="queue-status__languages" data-testid="queue-languages">
      <p>{t('visitor:waiting.noLanguage', { language: languageName(conversationLanguage, pageLanguage) })}</p>
      {onDuty.length > 0 && (
        <>
          <p id="queue-continue-in">{t('visitor:waiting.continueIn')}</p>
          <div role="group" aria-labelledby="queue-continue-in" class="queue-status__choices">
            {onDuty.map((language) => (
              <button
                key={language}
                type="button"
                class="button button--small"
                lang={language}
                data-testid={`continue-in-${language}`}
                onClick={() => setFailed(!onContinueIn(language))}
              >
                {nativeLanguageName(language)}
              </button>
            ))}
          </div>
        </>
      )}
      {failed && (
        <p class="notice notice--error" role="alert">
          {t('visitor:waiting.switchFailed')}
        </p>
      )}
    </div>
  );
}

function PastClosing({ desk }: { desk: DeskInfo }) {
  const t = useT();
  return (
    <div class="queue-status__closing" data-testid="queue-past-closing">
      <p class="notice">{t('visitor:waiting.pastClosing')}</p>
      <LeaveMessageSection desk={desk} />
      <BookingSection desk={desk} />
    </div>
  );
}
