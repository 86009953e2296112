import { useEffect, useState } from 'preact/hooks';
import { type ApiErrorCode, errorCodeOf } from '../common/api';

export interface SettingsApi<T> {
  get(): Promise<T>;
  save(settings: T): Promise<T>;
}

/** A settings form's state: loaded once, edited in place, saved whole; `save` resolves true when stored. */
export function useSettings<T extends object>(settingsApi: SettingsApi<T>) {
  const [settings, setSettings] = useState<T | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);

  useEffect(() => {
    settingsApi.get().then(setSettings, (failure: unknown) => setError(errorCodeOf(failure)));
  }, [settingsApi]);

  async function save(): Promise<boolean> {
    if (!settings) return false;
    setError(null);
    try {
      setSettings(await settingsApi.save(settings));
      return true;
    } catch (failure) {
      setError(errorCodeOf(failure));
      return false;
    }
  }

  const set = (change: Partial<T>) => setSettings((current) => current && { ...current, ...change });
  return { settings, error, set, save };
}
