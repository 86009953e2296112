import type { Ref } from 'preact';
import type { OfficeInfo } from '../../../shared/protocol';
import { useT } from '../../common/i18n';
import { FieldError } from '../field-error';
import { LeftMessagePrivacy } from './privacy';

/** Good enough to catch a typo; the server checks the address properly. */
export const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddressAndConsentProps {
  /** Prefix of the fields' ids and test ids, e.g. `lm` → `lm-email`, `lm-consent`. */
  prefix: string;
  office: OfficeInfo;
  /** The office sends e-mail (`DeskInfo.sendsEmail`); otherwise no address is asked for. */
  askEmail: boolean;
  emailLabel: string;
  emailHint: string;
  email: string;
  onEmail: (email: string) => void;
  emailRef: Ref<HTMLInputElement>;
  emailInvalid: boolean;
  consent: boolean;
  onConsent: (consent: boolean) => void;
  consentRef: Ref<HTMLInputElement>;
  consentInvalid: boolean;
}

/** The end of a left message's form: the e-mail address (where e-mail is sent), the information on personal data, the consent. */
export function AddressAndConsent(props: AddressAndConsentProps) {
  const t = useT();
  const { prefix, askEmail, emailInvalid, consentInvalid } = props;
  return (
    <>
      {askEmail && (
        <div class="field">
          <label for={`${prefix}-email`}>{props.emailLabel}</label>
          <p id={`${prefix}-email-hint`} class="hint">
            {props.emailHint}
          </p>
          <input
            id={`${prefix}-email`}
            ref={props.emailRef}
            data-testid={`${prefix}-email`}
            type="email"
            autocomplete="email"
            inputMode="email"
            maxLength={254}
            value={props.email}
            aria-invalid={emailInvalid}
            aria-describedby={emailInvalid ? `${prefix}-email-hint ${prefix}-email-error` : `${prefix}-email-hint`}
            onInput={(event) => props.onEmail(event.currentTarget.value)}
          />
          {emailInvalid && <FieldError id={`${prefix}-email-error`} text={t('visitor:leaveMessage.emailInvalid')} />}
        </div>
      )}

      <LeftMessagePrivacy office={props.office} withEmail={askEmail} />

      <div class="field field--checkbox">
        <input
          id={`${prefix}-consent`}
          ref={props.consentRef}
          data-testid={`${prefix}-consent`}
          type="checkbox"
          checked={props.consent}
          aria-invalid={consentInvalid}
          aria-describedby={consentInvalid ? `lm-privacy-summary ${prefix}-consent-error` : 'lm-privacy-summary'}
          onChange={(event) => props.onConsent(event.currentTarget.checked)}
        />
        <label for={`${prefix}-consent`}>{t(askEmail ? 'visitor:leaveMessage.consent' : 'visitor:leaveMessage.consentNoEmail')}</label>
        {consentInvalid && <FieldError id={`${prefix}-consent-error`} text={t('visitor:leaveMessage.consentRequired')} />}
      </div>
    </>
  );
}
