import { useT } from '../common/i18n';
import { callPolicyApi } from './admin-api';
import { ErrorMessage, Loading } from './pages';
import { useSettings } from './use-settings';

/** Whether a visitor may start a voice or video call, or only ask to be called (src/server/calls). */
export function CallPolicyForm({ announce }: { announce: (text: string) => void }) {
  const t = useT();
  const { settings, error, set, save } = useSettings(callPolicyApi);

  async function submit(event: Event) {
    event.preventDefault();
    if (await save()) announce(t('admin:saved'));
  }

  return (
    <section class="panel admin-section" aria-labelledby="call-policy-heading">
      <h2 id="call-policy-heading">{t('admin:calls.heading')}</h2>
      {settings ? (
        <form class="admin-form" onSubmit={submit} data-testid="call-policy-form">
          <label class="check">
            <input
              type="checkbox"
              data-testid="call-policy-visitor-may-start"
              aria-describedby="call-policy-hint"
              checked={settings.visitorMayStart}
              onChange={(event) => set({ visitorMayStart: event.currentTarget.checked })}
            />
            {t('admin:calls.visitorMayStart')}
          </label>
          <p class="hint" id="call-policy-hint">
            {t('admin:calls.visitorMayStartHint')}
          </p>
          <ErrorMessage code={error} />
          <button type="submit" data-testid="call-policy-save">
            {t('admin:save')}
          </button>
        </form>
      ) : error ? (
        <ErrorMessage code={error} />
      ) : (
        <Loading />
      )}
    </section>
  );
}
