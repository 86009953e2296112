import { ROUTING_MODES } from '../../shared/protocol';
import { useT } from '../common/i18n';
import { routingApi } from './admin-api';
import { CallPolicyForm } from './call-policy-form';
import { InactivityForm } from './inactivity-form';
import { ErrorMessage, Loading, NumberField, PageHeading, type PageProps } from './pages';
import { useSettings } from './use-settings';

/** How new conversations reach consultants (src/server/routing; docs/routing.md), when quiet ones end, and who may start a call. */
export function RoutingPage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const { settings, error, set, save } = useSettings(routingApi);

  async function submit(event: Event) {
    event.preventDefault();
    if (await save()) announce(t('admin:saved'));
  }

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.routing')}</PageHeading>
      {settings === null && !error && <Loading />}
      {settings && (
        <form class="panel admin-section admin-form" onSubmit={submit} data-testid="routing-form">
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
      <InactivityForm announce={announce} />
      <CallPolicyForm announce={announce} />
    </>
  );
}
