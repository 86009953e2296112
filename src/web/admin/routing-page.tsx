import { useEffect, useState } from 'preact/hooks';
import { ROUTING_MODES, type RoutingSettings } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { useT } from '../common/i18n';
import { routingApi } from './admin-api';
import { ErrorMessage, NumberField, PageHeading, type PageProps } from './pages';

/** How new conversations reach consultants (src/server/routing; docs/routing.md). */
export function RoutingPage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const [settings, setSettings] = useState<RoutingSettings | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);

  useEffect(() => {
    routingApi.get().then(setSettings, (failure: unknown) => setError(errorCodeOf(failure)));
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    if (!settings) return;
    setError(null);
    try {
      setSettings(await routingApi.save(settings));
      announce(t('admin:saved'));
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  }

  const set = (change: Partial<RoutingSettings>) => setSettings((current) => current && { ...current, ...change });

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.routing')}</PageHeading>
      {settings === null && !error && <p role="status">{t('admin:loading')}</p>}
      {settings && (
        <form class="panel admin-section admin-form" onSubmit={save} data-testid="routing-form">
          <fieldset>
            <legend>{t('admin:routing.mode')}</legend>
            {ROUTING_MODES.map((mode) => (
              <label key={mode} class="check">
                <input type="radio" name="routing-mode" value={mode} checked={settings.mode === mode} onChange={() => set({ mode })} />
                {t(`admin:routing.modes.${mode}`)}
              </label>
            ))}
          </fieldset>
          <NumberField
            id="routing-offer-timeout"
            label={t('admin:routing.offerTimeout')}
            min={10}
            max={600}
            value={settings.offerTimeoutSeconds}
            onChange={(offerTimeoutSeconds) => set({ offerTimeoutSeconds })}
          />
          <NumberField
            id="routing-grace"
            label={t('admin:routing.disconnectGrace')}
            min={10}
            max={3600}
            hint={t('admin:routing.disconnectGraceHint')}
            value={settings.disconnectGraceSeconds}
            onChange={(disconnectGraceSeconds) => set({ disconnectGraceSeconds })}
          />
          <ErrorMessage code={error} />
          <button type="submit" data-testid="routing-save">
            {t('admin:save')}
          </button>
        </form>
      )}
      {settings === null && <ErrorMessage code={error} />}
    </>
  );
}
