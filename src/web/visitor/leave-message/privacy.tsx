import { useT } from '../../common/i18n';

/**
 * The GDPR art. 13 information for a left message: the chat's, except for the purpose, the data
 * (an e-mail address is asked for here), where it goes and what giving it means.
 */
const POINTS = [
  ['controller', 'visitor:privacy.points.controller'],
  ['purpose', 'visitor:leaveMessage.privacy.purpose'],
  ['legalBasis', 'visitor:privacy.points.legalBasis'],
  ['data', 'visitor:leaveMessage.privacy.data'],
  ['storage', 'visitor:leaveMessage.privacy.storage'],
  ['retention', 'visitor:privacy.points.retention'],
  ['rights', 'visitor:privacy.points.rights'],
  ['voluntary', 'visitor:leaveMessage.privacy.voluntary'],
] as const;

export function LeftMessagePrivacy({ deskName }: { deskName: string }) {
  const t = useT();
  return (
    <div class="privacy">
      <p id="lm-privacy-summary">{t('visitor:leaveMessage.privacy.summary')}</p>
      <details>
        <summary>{t('visitor:leaveMessage.privacy.more')}</summary>
        <ul>
          {POINTS.map(([point, key]) => (
            <li key={point}>{t(key, { desk: deskName })}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
