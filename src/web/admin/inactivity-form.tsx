import { useT } from '../common/i18n';
import { inactivityApi } from './admin-api';
import { ErrorMessage, Loading, NumberField } from './pages';
import { useSettings } from './use-settings';

/** When a quiet conversation asks "are you still there?" and ends, and when a gone visitor leaves the queue (src/server/inactivity). */
export function InactivityForm({ announce }: { announce: (text: string) => void }) {
  const t = useT();
  const { settings, error, set, save } = useSettings(inactivityApi);

  async function submit(event: Event) {
    event.preventDefault();
    if (await save()) announce(t('admin:saved'));
  }

  return (
    <section class="panel admin-section" aria-labelledby="inactivity-heading">
      <h2 id="inactivity-heading">{t('admin:inactivity.heading')}</h2>
      {settings ? (
        <form class="admin-form" onSubmit={submit} data-testid="inactivity-form">
          <NumberField
            id="inactivity-warning"
            label={t('admin:inactivity.warning')}
            hint={t('admin:inactivity.warningHint')}
            min={10}
            max={7200}
            value={settings.warningSeconds}
            onChange={(warningSeconds) => set({ warningSeconds })}
          />
          <NumberField
            id="inactivity-end"
            label={t('admin:inactivity.end')}
            hint={t('admin:inactivity.endHint')}
            min={10}
            max={3600}
            value={settings.endSeconds}
            onChange={(endSeconds) => set({ endSeconds })}
          />
          <NumberField
            id="inactivity-absent"
            label={t('admin:inactivity.absent')}
            hint={t('admin:inactivity.absentHint')}
            min={10}
            max={7200}
            value={settings.absentSeconds}
            onChange={(absentSeconds) => set({ absentSeconds })}
          />
          <ErrorMessage code={error} />
          <button type="submit" data-testid="inactivity-save">
            {t('admin:save')}
          </button>
        </form>
      ) : (
        error ? <ErrorMessage code={error} /> : <Loading />
      )}
    </section>
  );
}
