/**
 * The console's keyboard shortcuts, in one table that the key handlers and the help dialog share.
 * Letters are matched by physical key (event.code) with Alt alone, so they work in every keyboard
 * layout; Ctrl+Alt is AltGr on Windows (Polish letters: AltGr+N is ń) and is never taken.
 */

export const SHORTCUT_IDS = ['next', 'take', 'message', 'canned', 'note', 'close', 'help'] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export interface ShortcutKey {
  code: string;
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

interface Shortcut {
  id: ShortcutId;
  /** As shown in the help dialog, e.g. "Alt+N". */
  keys: readonly string[];
  matches(event: ShortcutKey, inTextField: boolean): boolean;
}

const altLetter = (letter: string) => (event: ShortcutKey) =>
  event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === `Key${letter}`;

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'next', keys: ['Alt+N'], matches: altLetter('N') },
  { id: 'take', keys: ['Alt+T'], matches: altLetter('T') },
  { id: 'message', keys: ['Alt+M'], matches: altLetter('M') },
  {
    id: 'canned',
    keys: ['Ctrl+K', '/'],
    // "/" is caught by the empty message box itself (see Composer's onCommandKey).
    matches: (event) => (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.code === 'KeyK',
  },
  { id: 'note', keys: ['Alt+I'], matches: altLetter('I') },
  { id: 'close', keys: ['Alt+C'], matches: altLetter('C') },
  // "?" would be typed into a text field, so it opens the help only outside one; Alt+H works anywhere.
  { id: 'help', keys: ['?', 'Alt+H'], matches: (event, inTextField) => (!inTextField && event.key === '?') || altLetter('H')(event) },
];

export function shortcutFor(event: ShortcutKey, inTextField: boolean): ShortcutId | null {
  return SHORTCUTS.find((shortcut) => shortcut.matches(event, inTextField))?.id ?? null;
}

/** Typing targets, where a bare "?" is a character, not a command. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}
