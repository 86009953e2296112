/** Whether the visitor is there, in words and a shape (not colour alone): in the queue and the conversation's header. */
import type { VisitorPresence } from '../../shared/protocol';
import { useT } from '../common/i18n';

const ICONS: Record<VisitorPresence, string> = { present: '●', away: '◐', gone: '○' };

export function VisitorPresenceFact({ presence }: { presence: VisitorPresence | undefined }) {
  const t = useT();
  if (!presence) return null;
  return (
    <div>
      <dt>{t('console:presence.label')}</dt>
      <dd class={`visitor-presence visitor-presence--${presence}`} data-testid="visitor-presence" data-presence={presence}>
        <span aria-hidden="true">{ICONS[presence]}</span> {t(`console:presence.${presence}`)}
      </dd>
    </div>
  );
}
