import { privacyFacts, type OfficeInfo } from '../../../shared/wire/office';
import { useLanguage, useT } from '../../common/i18n';

/**
 * The GDPR art. 13 information for a left message: the chat's, except for the purpose, the data
 * (an e-mail address is asked for here, where the office sends e-mail), where it goes and what
 * giving it means.
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

/** Without e-mail no address is asked for: these say so, and the point about giving one goes. */
const WITHOUT_EMAIL: Partial<Record<(typeof POINTS)[number][0], string>> = {
  purpose: 'visitor:leaveMessage.privacy.purposeNoEmail',
  data: 'visitor:leaveMessage.privacy.dataNoEmail',
  storage: 'visitor:leaveMessage.privacy.storageNoEmail',
};

export function LeftMessagePrivacy({ office, withEmail }: { office: OfficeInfo; withEmail: boolean }) {
  const t = useT();
  const { values, retentionKey } = privacyFacts(office, useLanguage(), t('visitor:office.dpoThroughOffice'));
  const points = withEmail ? POINTS : POINTS.filter(([point]) => point !== 'voluntary');
  const keyOf = (point: (typeof POINTS)[number][0], key: string) =>
    point === 'retention' ? `visitor:privacy.points.${retentionKey}` : ((!withEmail && WITHOUT_EMAIL[point]) || key);
  return (
    <div class="privacy">
      <p id="lm-privacy-summary">{t(withEmail ? 'visitor:leaveMessage.privacy.summary' : 'visitor:leaveMessage.privacy.summaryNoEmail')}</p>
      <details>
        <summary>{t('visitor:leaveMessage.privacy.more')}</summary>
        <ul>
          {points.map(([point, key]) => (
            <li key={point}>{t(keyOf(point, key), values)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
