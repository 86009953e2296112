import { useT } from '../common/i18n';
import { twoFactorPolicyApi } from './admin-api';
import { ErrorMessage } from './pages';
import { useSettings } from './use-settings';

/** Whether consultants must sign in with a second factor too (src/server/auth/two-factor.ts). */
export function TwoFactorPolicyForm({ announce }: { announce: (text: string) => void }) {
  const t = useT();
  const { settings, error, set, save } = useSettings(twoFactorPolicyApi);

  async function submit(event: Event) {
    event.preventDefault();
    if (await save()) announce(t('admin:saved'));
  }

  return (
    <section class="panel admin-section" aria-labelledby="two-factor-policy-heading">
      <h2 id="two-factor-policy-heading">{t('admin:twoFactor.heading')}</h2>
      {settings ? (
        <form class="admin-form" onSubmit={submit} data-testid="two-factor-policy-form">
          <label class="check">
            <input
              type="checkbox"
              data-testid="two-factor-consultants-required"
              aria-describedby="two-factor-policy-hint"
              checked={settings.consultantsRequired}
              onChange={(event) => set({ consultantsRequired: event.currentTarget.checked })}
            />
            {t('admin:twoFactor.consultantsRequired')}
          </label>
          <p class="hint" id="two-factor-policy-hint">
            {t('admin:twoFactor.hint')}
          </p>
          <ErrorMessage code={error} />
          <button type="submit">{t('admin:save')}</button>
        </form>
      ) : error ? (
        <ErrorMessage code={error} />
      ) : (
        <p role="status">{t('admin:loading')}</p>
      )}
    </section>
  );
}
