import { PRIVACY_POINTS, privacyFacts, type OfficeInfo } from '../../shared/wire/office';
import { useLanguage, useT } from '../common/i18n';

/** The GDPR art. 13 information, from the office's profile and the configured retention. */
export function PrivacyNotice({ office }: { office: OfficeInfo }) {
  const t = useT();
  const { values, retentionKey } = privacyFacts(office, useLanguage(), t('visitor:office.dpoThroughOffice'));
  return (
    <div class="privacy">
      <p id="privacy-summary">{t('visitor:privacy.summary')}</p>
      <details>
        <summary>{t('visitor:privacy.more')}</summary>
        <ul data-testid="privacy-points">
          {PRIVACY_POINTS.map((point) => (
            <li key={point}>{t(`visitor:privacy.points.${point === 'retention' ? retentionKey : point}`, values)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
