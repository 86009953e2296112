/** How long a visitor has waited, as a translation key of the `console` namespace and its values. */
export interface WaitingLabel {
  key: 'duration.underMinute' | 'duration.minutes' | 'duration.hours';
  values: { hours?: number; minutes?: number };
}

export function waitingLabel(minutes: number): WaitingLabel {
  if (minutes < 1) return { key: 'duration.underMinute', values: {} };
  if (minutes < 60) return { key: 'duration.minutes', values: { minutes } };
  return { key: 'duration.hours', values: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}

export function pageTitle(baseTitle: string, waitingCount: number): string {
  return waitingCount > 0 ? `(${waitingCount}) ${baseTitle}` : baseTitle;
}

/** Whole minutes elapsed, never negative (the browser's clock may lag the server's). */
export function minutesSince(isoTime: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(isoTime)) / 60_000));
}
