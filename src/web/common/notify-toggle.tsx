import { useState } from 'preact/hooks';
import { allowNotifications, loadNotifyPreference, prepareSound, saveNotifyPreference, type AttentionApp } from './attention';

interface NotifyToggleProps {
  app: AttentionApp;
  label: string;
  /** Said when the browser refuses notifications: the title and the tone still work. */
  blockedText: string;
  className: string;
}

/** The user's own switch for a tone and a system notification; the browser is asked only when it is switched on. */
export function NotifyToggle({ app, label, blockedText, className }: NotifyToggleProps) {
  const [on, setOn] = useState(() => loadNotifyPreference(app));
  const [blocked, setBlocked] = useState(false);
  const change = async (enabled: boolean) => {
    setOn(enabled);
    saveNotifyPreference(app, enabled);
    setBlocked(false);
    if (!enabled) return;
    prepareSound();
    if (!(await allowNotifications())) setBlocked(true);
  };
  return (
    <div class={className}>
      <input id={`${app}-notify`} type="checkbox" data-testid="notify-toggle" checked={on} onChange={(event) => void change(event.currentTarget.checked)} />
      <label for={`${app}-notify`}>{label}</label>
      {blocked && (
        <p class="hint" role="status" data-testid="notify-blocked">
          {blockedText}
        </p>
      )}
    </div>
  );
}
