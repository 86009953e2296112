import { useT } from '../common/i18n';
import { ErrorMessage, Loading } from './pages';
import { useSettings, type SettingsApi } from './use-settings';

interface SwitchSettingFormProps<T extends object> {
  /** Prefix of the ids and test ids: `<id>-heading`, `<id>-hint`, `<id>-form`, `<id>-save`. */
  id: string;
  settingsApi: SettingsApi<T>;
  /** The one boolean setting the form switches. */
  field: { [K in keyof T]: T[K] extends boolean ? K : never }[keyof T];
  heading: string;
  label: string;
  hint: string;
  /** The checkbox's test id. */
  switchTestId: string;
  announce: (text: string) => void;
}

/** A settings section with one switch (a desk's policy), loaded and saved whole. */
export function SwitchSettingForm<T extends object>({ id, settingsApi, field, heading, label, hint, switchTestId, announce }: SwitchSettingFormProps<T>) {
  const t = useT();
  const { settings, error, set, save } = useSettings(settingsApi);

  async function submit(event: Event) {
    event.preventDefault();
    if (await save()) announce(t('admin:saved'));
  }

  return (
    <section class="panel admin-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {settings ? (
        <form class="admin-form" onSubmit={submit} data-testid={`${id}-form`}>
          <label class="check">
            <input
              type="checkbox"
              data-testid={switchTestId}
              aria-describedby={`${id}-hint`}
              checked={settings[field] as boolean}
              onChange={(event) => set({ [field]: event.currentTarget.checked } as Partial<T>)}
            />
            {label}
          </label>
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
          <ErrorMessage code={error} />
          <button type="submit" data-testid={`${id}-save`}>
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
