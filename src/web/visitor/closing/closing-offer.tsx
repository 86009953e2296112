/**
 * What a waiting visitor is offered when the desk closes soon or nobody is on duty
 * (src/server/closing): turn the conversation into a left message, or book a call. Both forms
 * are chunks of their own, loaded when asked for.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LeaveMessageResponse, Message } from '../../../shared/protocol';
import { useT } from '../../common/i18n';
import { LazyFormSection } from '../../common/lazy-form-section';
import { BookingSection } from '../booking/booking-section';
import { KeepPrivateLink } from '../keep-private-link';
import { messagePageLink } from '../leave-message/api';
import type { LeaveInsteadFormProps } from './leave-instead-form';

const loadForm = () => import('./leave-instead-form').then(({ LeaveInsteadForm }) => LeaveInsteadForm);

/** The closing offer was made in this conversation (its system message is in the log). */
export function offeredAtClosing(messages: readonly Message[]): boolean {
  return messages.some((message) => message.event === 'desk_closing' || message.event === 'nobody_on_duty');
}

export function ClosingOffer(formProps: LeaveInsteadFormProps) {
  const t = useT();
  return (
    <div class="closing-offer" data-testid="closing-offer">
      <LazyFormSection
        name="leave-instead"
        heading={t('visitor:closingOffer.heading')}
        intro={t('visitor:closingOffer.intro')}
        openLabel={t('visitor:closingOffer.open')}
        loadingLabel={t('visitor:leaveMessage.loading')}
        load={loadForm}
        formProps={formProps}
      />
      <BookingSection desk={formProps.desk} />
    </div>
  );
}

/** Shown once the conversation became a left message, after the conversation itself has ended. */
export function LeftInstead({ receipt, sendsEmail, onStartNew }: { receipt: LeaveMessageResponse; sendsEmail: boolean; onStartNew: () => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div class="leave-message-sent" data-testid="left-instead">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('visitor:closingOffer.sent')}
      </h3>
      <p>
        {t('visitor:leaveMessage.sent.reference')} <strong class="reference reference--large" data-testid="left-instead-reference">{receipt.reference}</strong>
      </p>
      {sendsEmail ? <p>{t('visitor:leaveMessage.sent.link')}</p> : <KeepPrivateLink href={messagePageLink(receipt.token)} testId="left-instead-keep-link" />}
      <p>
        <a href={messagePageLink(receipt.token)} data-testid="left-instead-link">
          {t('visitor:leaveMessage.sent.open')}
        </a>
      </p>
      <button type="button" class="button" data-testid="new-conversation-button" onClick={onStartNew}>
        {t('visitor:ended.startNew')}
      </button>
    </div>
  );
}
