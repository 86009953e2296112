import { useT } from '../../common/i18n';
import { useNewMessageCount } from '../inbox/new-count';
import './nav.css';

export type ConsoleView = 'conversations' | 'inbox' | 'agenda' | 'supervision';

interface ViewTabsProps {
  view: ConsoleView;
  onChange: (view: ConsoleView) => void;
  /** Supervisors and admins also get the supervision view. */
  supervision: boolean;
}

/** Switches the console between its views: live conversations, the inbox of left messages, the agenda, supervision. */
export function ViewTabs({ view, onChange, supervision }: ViewTabsProps) {
  const t = useT();
  const newCount = useNewMessageCount();
  return (
    <nav class="view-tabs" aria-label={t('console:views.label')}>
      <button type="button" class="secondary" aria-pressed={view === 'conversations'} data-testid="view-conversations" onClick={() => onChange('conversations')}>
        {t('console:views.conversations')}
      </button>
      <button
        type="button"
        class="secondary"
        aria-pressed={view === 'inbox'}
        data-testid="view-inbox"
        aria-label={newCount ? t('console:views.inboxNew', { count: newCount }) : undefined}
        onClick={() => onChange('inbox')}
      >
        {t('console:views.inbox')}
        {newCount ? (
          <>
            {' '}
            <span class="badge" data-testid="inbox-new-count">
              {newCount}
            </span>
          </>
        ) : null}
      </button>
      <button type="button" class="secondary" aria-pressed={view === 'agenda'} data-testid="view-agenda" onClick={() => onChange('agenda')}>
        {t('console:views.agenda')}
      </button>
      {supervision && (
        <button type="button" class="secondary" aria-pressed={view === 'supervision'} data-testid="view-supervision" onClick={() => onChange('supervision')}>
          {t('console:views.supervision')}
        </button>
      )}
    </nav>
  );
}
