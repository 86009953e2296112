/**
 * "Book a call": the call's language, voice or video, topic, a day and a time (in the office's
 * time and the visitor's own), an e-mail address (where the office sends e-mail) and consent. On
 * success it shows both times and the private link that the e-mail also carries — or, without
 * e-mail, the link to keep.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import { CALL_KINDS, type CallKind, type CreateBookingResponse, type DeskInfo } from '../../../shared/protocol';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { viewerTimeZone } from '../../common/format';
import { LanguageSelect } from '../../common/language-select';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { officeTitle } from '../../../shared/wire/office';
import { FormSubmit } from '../form-submit';
import { PrivacyNotice } from '../privacy-notice';
import { useFormValidation } from '../use-form-validation';
import { KeepPrivateLink } from '../keep-private-link';
import { bookingPageLink, createBooking } from './api';
import { BookingTimes } from './booking-times';
import { SlotPicker } from './slot-picker';
import './booking.css';

export interface BookingFormProps {
  desk: DeskInfo;
}

/** Refusals after which other visitors' bookings changed what is free: the times are loaded again. */
const STALE_SLOT_CODES: ReadonlySet<ApiErrorCode> = new Set(['slot_full', 'slot_unavailable']);

export function BookingForm({ desk }: BookingFormProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const [language, setLanguage] = useState<UiLanguage>(desk.languages.includes(uiLanguage) ? uiLanguage : desk.defaultLanguage);
  const [callKind, setCallKind] = useState<CallKind>('voice');
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [booked, setBooked] = useState<{ response: CreateBookingResponse; email: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const emailValid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
  const validation = useFormValidation(
    { topic: !topic, time: !startsAt, email: desk.sendsEmail && !emailValid, accept: !accepted },
    { time: () => formRef.current?.querySelector<HTMLInputElement>('input[name="booking-time"], input[name="booking-day"]')?.focus() },
  );
  const shown = validation.shown;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setSubmitting(true);
    setFailure(null);
    try {
      // check() passed, so a time is chosen (`time` above).
      const address = desk.sendsEmail ? email.trim() : '';
      const response = await createBooking({ language, topic, callKind, startsAt: startsAt!, ...(address && { email: address }), timeZone: viewerTimeZone(), privacyAccepted: true });
      setBooked({ response, email: address });
    } catch (error) {
      const code = errorCodeOf(error);
      setFailure(code);
      setSubmitting(false);
      if (STALE_SLOT_CODES.has(code)) {
        validation.hide();
        setReloadKey((key) => key + 1);
      }
    }
  };

  if (booked) return <BookingDone response={booked.response} email={booked.email} />;

  return (
    <form ref={formRef} class="booking-form" onSubmit={submit} noValidate data-testid="booking-form">
      <LanguageSelect id="booking-language" label={t('visitor:booking.form.language')} languages={desk.languages} value={language} onChange={setLanguage} />

      <fieldset class="choice-group">
        <legend>{t('visitor:booking.form.kind')}</legend>
        <div class="choices">
          {CALL_KINDS.map((kind) => (
            <label key={kind} class="choice">
              <input type="radio" name="booking-kind" value={kind} data-testid={`booking-kind-${kind}`} checked={callKind === kind} onChange={() => setCallKind(kind)} />
              <span>{t(`visitor:booking.kinds.${kind}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div class="field">
        <label for="booking-topic">{t('visitor:start.topic')}</label>
        <select
          id="booking-topic"
          ref={validation.ref('topic')}
          data-testid="booking-topic"
          value={topic}
          aria-invalid={shown('topic')}
          aria-describedby={shown('topic') ? 'booking-topic-error' : undefined}
          onChange={(event) => setTopic(event.currentTarget.value)}
        >
          <option value="">{t('visitor:start.topicPlaceholder')}</option>
          {desk.topics.map((id) => (
            <option key={id} value={id}>
              {topicName(t, id, uiLanguage, desk.topicNames?.[id])}
            </option>
          ))}
        </select>
        {shown('topic') && (
          <p id="booking-topic-error" class="field-error">
            {t('visitor:start.topicRequired')}
          </p>
        )}
      </div>

      <SlotPicker language={language} value={startsAt} onChange={setStartsAt} reloadKey={reloadKey} invalid={shown('time')} />

      {desk.sendsEmail && (
        <div class="field">
          <label for="booking-email">{t('visitor:booking.form.email')}</label>
          <p id="booking-email-hint" class="hint">
            {t('visitor:booking.form.emailHint')}
          </p>
          <input
            id="booking-email"
            ref={validation.ref('email')}
            data-testid="booking-email"
            type="email"
            autocomplete="email"
            maxLength={254}
            value={email}
            aria-invalid={shown('email')}
            aria-describedby={shown('email') ? 'booking-email-hint booking-email-error' : 'booking-email-hint'}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          {shown('email') && (
            <p id="booking-email-error" class="field-error">
              {t('visitor:booking.form.emailRequired')}
            </p>
          )}
        </div>
      )}

      {desk.sendsEmail && (
        <p id="booking-privacy" class="hint">
          {t('visitor:booking.form.privacy', { desk: officeTitle(desk.office, uiLanguage) })}
        </p>
      )}
      <PrivacyNotice office={desk.office} />
      <div class="field field--checkbox">
        <input
          id="booking-accept"
          ref={validation.ref('accept')}
          data-testid="booking-accept"
          type="checkbox"
          checked={accepted}
          aria-invalid={shown('accept')}
          aria-describedby={[desk.sendsEmail && 'booking-privacy', shown('accept') && 'booking-accept-error'].filter(Boolean).join(' ') || undefined}
          onChange={(event) => setAccepted(event.currentTarget.checked)}
        />
        {/* Without an address, what is processed is what the chat processes: the same consent. */}
        <label for="booking-accept">{t(desk.sendsEmail ? 'visitor:booking.form.consent' : 'visitor:start.privacyAccept')}</label>
        {shown('accept') && (
          <p id="booking-accept-error" class="field-error">
            {t(desk.sendsEmail ? 'visitor:booking.form.consentRequired' : 'visitor:start.privacyRequired')}
          </p>
        )}
      </div>

      <FormSubmit failure={failure} submitting={submitting} label={t('visitor:booking.form.submit')} busyLabel={t('visitor:booking.form.submitting')} testId="booking-submit" failureTestId="booking-error" />
    </form>
  );
}

/** `email`: where the details went; empty: none were sent, and the private link is the way back. */
function BookingDone({ response, email }: { response: CreateBookingResponse; email: string }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div class="booking-done" data-testid="booking-done">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('visitor:booking.done.heading')}
      </h3>
      <BookingTimes booking={response.booking} />
      {email ? (
        <>
          <p>{t('visitor:booking.done.emailSent', { email })}</p>
          <p>{t('visitor:booking.done.link')}</p>
        </>
      ) : (
        <>
          <p>{t('visitor:booking.done.linkNoEmail')}</p>
          <KeepPrivateLink href={bookingPageLink(response.token, language)} testId="booking-keep-link" />
        </>
      )}
      <p>
        <a href={bookingPageLink(response.token, language)} data-testid="booking-link">
          {t('visitor:booking.done.open')}
        </a>
      </p>
    </div>
  );
}
