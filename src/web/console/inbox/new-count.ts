import { useEffect, useState } from 'preact/hooks';
import { fetchInbox } from './api';

/** How often the console looks for newly left messages (they arrive while the desk is closed). */
const REFRESH_MS = 60_000;

const listeners = new Set<() => void>();

/** Tells every count on the page to look again, e.g. after an answer or a close. */
export function inboxChanged(): void {
  for (const listener of listeners) listener();
}

/** The number of new left messages, refreshed every minute and after changes; null until known. */
export function useNewMessageCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const load = (background = true) =>
      fetchInbox('new', { background }).then(
        (messages) => setCount(messages.length),
        (error: unknown) => console.warn('Inbox count unavailable', error),
      );
    void load(false);
    const timer = setInterval(load, REFRESH_MS);
    listeners.add(load);
    return () => {
      clearInterval(timer);
      listeners.delete(load);
    };
  }, []);
  return count;
}
