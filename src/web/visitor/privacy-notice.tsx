import { useT } from '../common/i18n';

/** The order of the GDPR art. 13 information, as the office's clauses usually give it. */
const POINTS = ['controller', 'purpose', 'legalBasis', 'data', 'storage', 'retention', 'rights', 'voluntary'] as const;

export function PrivacyNotice({ deskName }: { deskName: string }) {
  const t = useT();
  return (
    <div class="privacy">
      <p id="privacy-summary">{t('visitor:privacy.summary')}</p>
      <details>
        <summary>{t('visitor:privacy.more')}</summary>
        <ul>
          {POINTS.map((point) => (
            <li key={point}>{t(`visitor:privacy.points.${point}`, { desk: deskName })}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
