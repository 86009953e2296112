import { useEffect, useRef } from 'preact/hooks';
import { isTextField, shortcutFor, type ShortcutId } from './shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutId, () => void>>;

/** Runs the handler of each shortcut this component deals with; others pass on to other listeners. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // An open dialog (help, canned answers) has its own keys.
      if (event.defaultPrevented || event.isComposing || (event.target instanceof Element && event.target.closest('dialog'))) return;
      const id = shortcutFor(event, isTextField(event.target));
      const handler = id && latest.current[id];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Moves focus to the element with this id, if it is on the page. */
export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}
