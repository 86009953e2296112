import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../src/shared/protocol';
import { SHORTCUT_IDS, SHORTCUTS, shortcutFor, type ShortcutKey } from '../../../src/web/console/shortcuts/shortcuts';
import { nextConversationId } from '../../../src/web/console/shortcuts/use-desk-shortcuts';

const key = (code: string, key: string, modifiers: Partial<ShortcutKey> = {}): ShortcutKey => ({
  code,
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('console shortcuts', () => {
  it('match Alt+letter by physical key, whatever the layout writes', () => {
    expect(shortcutFor(key('KeyN', 'n', { altKey: true }), true)).toBe('next');
    // Alt+N on a Mac writes "˜"; on a Cyrillic layout the key says "т".
    expect(shortcutFor(key('KeyN', '˜', { altKey: true }), false)).toBe('next');
    expect(shortcutFor(key('KeyT', 'е', { altKey: true }), false)).toBe('take');
    expect(shortcutFor(key('KeyI', 'i', { altKey: true }), true)).toBe('note');
    expect(shortcutFor(key('KeyC', 'c', { altKey: true }), true)).toBe('close');
    expect(shortcutFor(key('KeyM', 'm', { altKey: true }), true)).toBe('message');
  });

  it('never take AltGr (Ctrl+Alt), so Polish letters such as ń and ć can be typed', () => {
    expect(shortcutFor(key('KeyN', 'ń', { altKey: true, ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('KeyC', 'ć', { altKey: true, ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('KeyN', 'n'), true)).toBeNull();
  });

  it('open canned answers with Ctrl+K (Cmd+K) and the help with "?" outside text fields only', () => {
    expect(shortcutFor(key('KeyK', 'k', { ctrlKey: true }), true)).toBe('canned');
    expect(shortcutFor(key('KeyK', 'k', { metaKey: true }), true)).toBe('canned');
    expect(shortcutFor(key('Slash', '?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutFor(key('Slash', '?', { shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(key('KeyH', 'h', { altKey: true }), true)).toBe('help');
  });

  it('list every shortcut in the help, each with its keys', () => {
    expect(SHORTCUTS.map((shortcut) => shortcut.id)).toEqual([...SHORTCUT_IDS]);
    expect(SHORTCUTS.every((shortcut) => shortcut.keys.length > 0)).toBe(true);
  });

  it('go to the next of my conversations, wrapping around', () => {
    const mine = ['a', 'b', 'c'].map((id) => ({ id }) as ConversationSummary);
    expect(nextConversationId(mine, null)).toBe('a');
    expect(nextConversationId(mine, 'a')).toBe('b');
    expect(nextConversationId(mine, 'c')).toBe('a');
    expect(nextConversationId([], null)).toBeNull();
  });
});
