import { privacyFacts, type OfficeInfo } from '../../../shared/wire/office';
import { useLanguage, useT } from '../../common/i18n';

/**
 * The GDPR art. 13 information for a left message: the chat's, except for the purpose, the data
 * (an e-mail address is asked for here), where it goes and what giving it means.
 */
const POINTS = [
  ['controller', 'visitor:privacy.points.controller'],
  ['dpo', 'visitor:privacy.points.dpo'],
  ['purpose', 'visitor:leaveMessage.privacy.purpose'],
  ['legalBasis', 'visitor:privacy.points.legalBasis'],
  ['recipients', 'visitor:privacy.points.recipients'],
  ['data', 'visitor:leaveMessage.privacy.data'],
  ['storage', 'visitor:leaveMessage.privacy.storage'],
  ['retention', 'visitor:privacy.points.retention'],
  ['rights', 'visitor:privacy.points.rights'],
  ['voluntary', 'visitor:leaveMessage.privacy.voluntary'],
] as const;

export function LeftMessagePrivacy({ office }: { office: OfficeInfo }) {
  const t = useT();
  const { values, retentionKey } = privacyFacts(office, useLanguage(), t('visitor:office.dpoThroughOffice'));
  return (
    <div class="privacy">
      <p id="lm-privacy-summary">{t('visitor:leaveMessage.privacy.summary')}</p>
      <details>
        <summary>{t('visitor:leaveMessage.privacy.more')}</summary>
        <ul>
          {POINTS.map(([point, key]) => (
            <li key={point}>{t(point === 'retention' ? `visitor:privacy.points.${retentionKey}` : key, values)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
