import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../../shared/protocol';
import { useShortcuts } from './use-shortcuts';

interface DeskShortcutOptions {
  /** Shortcuts act only while the conversations are on screen (not the inbox or agenda). */
  enabled: boolean;
  /** Conversations routing offers this consultant, oldest offer first (accepting one is a take). */
  offered: readonly string[];
  /** Oldest first. */
  waiting: readonly ConversationSummary[];
  mine: readonly ConversationSummary[];
  selectedId: string | null;
  take: (conversationId: string) => void;
  select: (conversationId: string) => void;
}

/** The desk-wide shortcuts: next conversation, accept the offer or take the longest-waiting one, help. */
export function useDeskShortcuts(options: DeskShortcutOptions) {
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts({
    help: () => setHelpOpen(true),
    ...(options.enabled && {
      next: () => {
        const next = nextConversationId(options.mine, options.selectedId);
        if (next) options.select(next);
      },
      take: () => {
        const next = options.offered[0] ?? options.waiting[0]?.id;
        if (next) options.take(next);
      },
    }),
  });
  return { helpOpen, openHelp: () => setHelpOpen(true), closeHelp: () => setHelpOpen(false) };
}

/** The conversation after the selected one in the list, wrapping around; the first if none is selected. */
export function nextConversationId(mine: readonly ConversationSummary[], selectedId: string | null): string | null {
  if (mine.length === 0) return null;
  const index = mine.findIndex((conversation) => conversation.id === selectedId);
  return mine[(index + 1) % mine.length]!.id;
}
